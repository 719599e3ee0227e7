package dev.switchboard.mediator.protocol.messagepickup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.queue.mailbox.MailboxStatus;
import java.time.Duration;

/**
 * The optional recipient of a pickup request: {@code recipient_key} (messagepickup 2.0, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">Aries RFC 0685</a>) or
 * {@code recipient_did} (messagepickup 3.0, message-pickup 4.0): "only messages for that recipient are counted
 * / delivered".
 *
 * <p>The mediator keeps one mailbox per wallet (the forwards to all the keys a wallet registered land in it;
 * the queue does not record which key a message was forwarded to). So a recipient that is one of the
 * wallet's registered keys or DIDs (in any spelling: base58, did:key, DID URL), or the wallet's own connection
 * key or DID, selects the whole mailbox; any other value selects nothing: {@code message_count 0}, an empty
 * delivery. The answer is the same for a key of another wallet as for a key nobody registered, so it reveals
 * no other wallet's keys.
 */
public final class RecipientScope {
    /** The figures of a selection with no messages. */
    public static final MailboxStatus NOTHING = new MailboxStatus(0, 0, null, null, Duration.ZERO, 0);

    private RecipientScope() {}

    /**
     * True when {@code content.field} is absent or names this wallet's mailbox.
     *
     * @param mediations the keylists
     * @param conn the asking wallet's connection (its base58 verkey or DID)
     * @param field {@code recipient_key} or {@code recipient_did}
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID} when the field is present but not a non-empty string
     */
    public static boolean selectsMailbox(MediationStore mediations, String conn, JsonNode content, String field) {
        JsonNode value = content.get(field);
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "'" + field + "' must be a key or DID");
        }
        String recipient = value.asText();
        if (mediations.route(recipient).filter(conn::equals).isPresent()) {
            return true;
        }
        String verkey = Ed25519Keys.toVerkey(recipient);
        int hash = recipient.indexOf('#');
        return conn.equals(verkey != null ? verkey : recipient)
                || (hash > 0 && conn.equals(recipient.substring(0, hash)));
    }
}
