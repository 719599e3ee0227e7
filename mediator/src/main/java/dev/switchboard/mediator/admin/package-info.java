/**
 * The admin API ({@code /admin/*}, off unless a bearer token is configured; described at {@code /q/openapi}):
 * wallets (look up by connection key, recipient DID or key; keylist, live session, routes), mailbox status,
 * dead letters (list, requeue, purge), a wallet's removal, system figures. In: HTTP calls with {@code
 * Authorization: Bearer <token>} ({@link dev.switchboard.mediator.admin.AdminAuthFilter} checks it before
 * routing). Out: reads and updates through {@link dev.switchboard.mediator.mediation.MediationStore}, {@link
 * dev.switchboard.mediator.store.WalletSessions}, the queue module's route table, mailboxes and {@link
 * dev.switchboard.queue.mailbox.MailboxAdmin}; JSON bodies ({@link dev.switchboard.mediator.admin.AdminViews}),
 * RFC 9457 problems ({@link dev.switchboard.mediator.admin.Problem}); audit events on the {@code
 * switchboard.audit} log category ({@link dev.switchboard.mediator.admin.AuditLog}).
 */
@NullMarked
package dev.switchboard.mediator.admin;

import org.jspecify.annotations.NullMarked;
