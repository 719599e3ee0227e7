/**
 * Report problem 2.0 (DIDComm v2). In: problem-report from wallets, logged. Out: nothing (the mediator's own reports are built in message.ProblemReports).
 */
@NullMarked
package dev.switchboard.mediator.protocol.reportproblem.v2;

import org.jspecify.annotations.NullMarked;
