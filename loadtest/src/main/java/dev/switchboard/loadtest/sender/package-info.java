/**
 * Forward senders: builds routing/1.0 {@code forward} messages anoncrypted to the mediator's routing key whose
 * inner message (anoncrypted to a wallet's recipient key) carries an id and the send timestamp.
 */
@NullMarked
package dev.switchboard.loadtest.sender;

import org.jspecify.annotations.NullMarked;
