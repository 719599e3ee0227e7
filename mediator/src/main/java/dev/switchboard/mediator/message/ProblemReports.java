package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.mailbox.MailboxFullException;

/**
 * Every problem code the mediator answers with beyond the didcomm module's {@link ProblemCode} constants
 * ({@code MSG_UNSUPPORTED}, {@code MSG_INVALID}, ...; one name per code), and the one place problem reports are
 * built.
 *
 * <p>Message: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0035-report-problem">Aries
 * RFC 0035</a> {@code https://didcomm.org/report-problem/1.0/problem-report} with {@code description:
 * {"en", "code"}} and {@code ~thread.thid} of the refused message. Codes follow the DIDComm problem-code
 * form {@code sorter.scope.descriptor} (e = error, p = protocol, m = message scope). The mapping of each
 * failure to a code and a behaviour is {@code mediator/docs/problem-reports.md}.
 */
public final class ProblemReports {
    /** The report-problem 1.0 protocol. */
    public static final Piuri REPORT_PROBLEM = Piuri.of("https://didcomm.org/report-problem/1.0");
    /** The problem-report message type. */
    public static final MessageType PROBLEM_REPORT = REPORT_PROBLEM.message("problem-report");

    /** The report-problem 2.0 protocol (DIDComm v2). */
    public static final Piuri REPORT_PROBLEM_V2 = Piuri.of("https://didcomm.org/report-problem/2.0");
    /** The DIDComm v2 problem-report message type. */
    public static final MessageType PROBLEM_REPORT_V2 = REPORT_PROBLEM_V2.message("problem-report");

    /** A message that must be authcrypted (the mediator must know the sender) arrived anoncrypted. */
    public static final ProblemCode NOT_AUTHENTICATED = new ProblemCode("e.p.trust.not-authenticated");
    /** keylist-update, keylist-query or pickup from a connection without a granted mediation. */
    public static final ProblemCode MEDIATION_NOT_GRANTED = new ProblemCode("e.p.req.mediation-not-granted");
    /**
     * {@code set-device-info} with some but not all values null (push-notifications-fcm 1.0, RFC 0734 "Set Device
     * Info": "If either value is null, a problem-report MAY be sent back with missing-value").
     */
    public static final ProblemCode MISSING_VALUE = new ProblemCode("e.p.msg.missing-value");
    /**
     * {@code get-device-info} from a wallet that registered no device (RFC 0734 / RFC 0699 "Device Info":
     * {@code not-registered-for-push-notifications}).
     */
    public static final ProblemCode NOT_REGISTERED_FOR_PUSH =
            new ProblemCode("e.p.req.not-registered-for-push-notifications");
    /** Live mode requested over a transport that does not stay open (HTTP). RFC 0685. */
    public static final ProblemCode LIVE_MODE_NOT_SUPPORTED = new ProblemCode("e.m.live-mode-not-supported");
    /** A forward that cannot be accepted (unknown recipient, bad payload): the same code for every cause. */
    public static final ProblemCode FORWARD_REFUSED = new ProblemCode("e.p.msg.forward-refused");
    /**
     * The recipient's mailbox is full: {@code e.p.me.res.storage} (the mediator's storage for it is exhausted;
     * the queue's {@link MailboxFullException#PROBLEM_CODE}, <a
     * href="https://identity.foundation/didcomm-messaging/spec/v2.1/#descriptors">DIDComm descriptors</a>).
     */
    public static final ProblemCode MAILBOX_FULL = new ProblemCode(MailboxFullException.PROBLEM_CODE);
    /**
     * The mediator's store is unreachable or too slow: {@code e.p.me.res} (a resource the mediator needs is
     * unavailable; the sender may retry; the queue's {@link QueueException#STORE_PROBLEM_CODE}).
     */
    public static final ProblemCode INTERNAL = new ProblemCode(QueueException.STORE_PROBLEM_CODE);

    private ProblemReports() {}

    /**
     * A problem report answering {@code in}.
     *
     * @param in the refused message
     * @param code the problem code
     * @param description English text for {@code description.en}, safe to show the sender
     */
    public static ObjectNode of(InboundMessage in, ProblemCode code, String description) {
        if (in.isV2()) {
            return ofV2(in.thid(), code, description);
        }
        ObjectNode report = Messages.reply(in, PROBLEM_REPORT);
        ObjectNode desc = report.putObject("description");
        desc.put("en", description);
        desc.put("code", code.code());
        return report;
    }

    /** The report for a refused message. */
    public static ObjectNode of(InboundMessage in, MediatorProblem problem) {
        return of(in, problem.code(), problem.getMessage());
    }

    /** The report for a message whose protocol is not served. */
    public static ObjectNode unsupported(InboundMessage in) {
        return of(in, ProblemCode.MSG_UNSUPPORTED, "unsupported message type: " + in.type());
    }

    /**
     * A report-problem 2.0 {@code problem-report}: {@code pthid} = the thread of the refused message, {@code
     * body {"code","comment"}} (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#problem-reports">DIDComm
     * 2.1, Problem Reports</a>).
     */
    public static ObjectNode ofV2(String pthid, ProblemCode code, String description) {
        ObjectNode report = Messages.createV2(PROBLEM_REPORT_V2);
        report.put("pthid", pthid);
        ObjectNode body = Messages.content(report);
        body.put("code", code.code());
        body.put("comment", description);
        return report;
    }

    /** A problem report not answering a parsed message (the plaintext had no usable {@code @type}). */
    public static ObjectNode unthreaded(ProblemCode code, String description, String thid) {
        ObjectNode report = Messages.create(PROBLEM_REPORT);
        report.putObject("~thread").put("thid", thid);
        ObjectNode desc = report.putObject("description");
        desc.put("en", description);
        desc.put("code", code.code());
        return report;
    }
}
