/**
 * Report problem 1.0 (<a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0035-report-problem">RFC
 * 0035</a>) and notification 1.0 ({@code ack}, <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0015-acks">RFC
 * 0015</a>) received from wallets: logged, never answered (a problem report answering a problem report could
 * ping-pong forever). In: problem-report, ack. Out: nothing.
 */
@NullMarked
package dev.switchboard.mediator.protocol.reportproblem.v1;

import org.jspecify.annotations.NullMarked;
