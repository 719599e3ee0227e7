package dev.switchboard.mediator.protocol.pushnotifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.PushConfig;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.push.DeviceRegistration;
import dev.switchboard.mediator.push.DeviceRegistrations;
import dev.switchboard.mediator.push.PushProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What push-notifications-fcm 1.0 (RFC 0734) and push-notifications-apns 1.0 (RFC 0699) share, in the
 * notification-sender role: {@code set-device-info} -> {@code ack} (adopted from RFC 0015, {@code status: "OK"})
 * and {@code get-device-info} -> {@code device-info}, for the authenticated sender's connection, which must hold a
 * granted mediation. A {@code set-device-info} whose values are all null removes the registration.
 */
@ApplicationScoped
public class DeviceInfoExchange {
    /** Longest {@code device_platform} accepted. */
    public static final int MAX_PLATFORM_LENGTH = 64;

    private final MediationStore mediations;
    private final DeviceRegistrations registrations;
    private final PushConfig config;

    /** Constructor injection. */
    public DeviceInfoExchange(MediationStore mediations, DeviceRegistrations registrations, PushConfig config) {
        this.mediations = mediations;
        this.registrations = registrations;
        this.config = config;
    }

    /**
     * {@code set-device-info} of {@code piuri} for {@code provider} -> {@code ack}.
     *
     * @param withPlatform true when the protocol has {@code device_platform} (FCM)
     * @throws MediatorProblem {@code e.p.trust.not-authenticated} (anoncrypted), {@code
     *     e.p.req.mediation-not-granted}, {@code e.p.msg.missing-value}, {@code e.p.msg.invalid}
     */
    public Handled set(InboundMessage in, Piuri piuri, PushProvider provider, boolean withPlatform) {
        String conn = mediations.requireGranted(in.requireSender());
        String token = text(in.body(), "device_token", config.maxTokenLength());
        String platform = withPlatform ? text(in.body(), "device_platform", MAX_PLATFORM_LENGTH) : null;
        if (token == null && (!withPlatform || platform == null)) {
            registrations.remove(conn, provider);
        } else if (token == null || (withPlatform && platform == null)) {
            throw new MediatorProblem(
                    ProblemReports.MISSING_VALUE,
                    "device_token and device_platform must both be set, or both be null to remove the registration");
        } else if (token.isBlank()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "device_token: blank");
        } else {
            registrations.put(conn, new DeviceRegistration(provider, token, platform));
        }
        ObjectNode ack = Messages.reply(in, piuri.message("ack"));
        ack.put("status", "OK");
        return Handled.reply(ack);
    }

    /**
     * {@code get-device-info} of {@code piuri} for {@code provider} -> {@code device-info}.
     *
     * @throws MediatorProblem as {@link #set}, and {@code e.p.req.not-registered-for-push-notifications}
     */
    public Handled get(InboundMessage in, Piuri piuri, PushProvider provider, boolean withPlatform) {
        String conn = mediations.requireGranted(in.requireSender());
        Optional<DeviceRegistration> device = registrations.find(conn, provider);
        if (device.isEmpty()) {
            throw new MediatorProblem(
                    ProblemReports.NOT_REGISTERED_FOR_PUSH, "no device registered for " + piuri.protocol());
        }
        ObjectNode info = Messages.reply(in, piuri.message("device-info"));
        info.put("device_token", device.get().token());
        if (withPlatform) {
            info.put("device_platform", device.get().platform());
        }
        return Handled.reply(info);
    }

    /** A string field, null when absent or JSON null. */
    private static @Nullable String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, field + ": not a string or null");
        }
        if (value.asText().length() > maxLength) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, field + ": longer than " + maxLength + " characters");
        }
        return value.asText();
    }
}
