package dev.switchboard.mediator.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Audit events of the admin API on the logger category {@value #CATEGORY} (INFO): every mutating call with
 * its action, outcome and wallet, and every refused call (WARN). The fields are also set as MDC entries
 * ({@code audit.action}, {@code audit.wallet}, {@code audit.outcome}), so JSON logs carry them as fields. A
 * wallet is named by {@code wallet_ref}, the first 16 hex digits of the SHA-256 of its connection key: keys
 * and message content are never logged.
 */
@ApplicationScoped
public class AuditLog {
    /** The logger category of audit events. */
    public static final String CATEGORY = "switchboard.audit";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** A mutating call was carried out (or found nothing to do: {@code outcome} says which). */
    public void action(String action, String conn, String outcome) {
        String ref = walletRef(conn);
        MDC.put("audit.action", action);
        MDC.put("audit.wallet", ref);
        MDC.put("audit.outcome", outcome);
        try {
            LOG.infof("audit action=%s wallet_ref=%s outcome=%s", action, ref, outcome);
        } finally {
            MDC.remove("audit.action");
            MDC.remove("audit.wallet");
            MDC.remove("audit.outcome");
        }
    }

    /** A call without the right bearer token was refused (401). */
    public void refused(String method, String path) {
        LOG.warnf(
                "audit action=refused method=%s path=%s outcome=unauthorized",
                method,
                path.split("/", 4).length > 2 ? "/" + path.split("/", 4)[1] + "/" + path.split("/", 4)[2] : path);
    }

    /** The reference that names a wallet in audit events: 16 hex digits of SHA-256 of its connection key. */
    public static String walletRef(String conn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(conn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
