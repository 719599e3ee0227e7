/**
 * Mediation state shared by every instance: granted mediations, keylists and the recipient-key index
 * that routes forwards, and the rules on them (one owner per recipient key, the route of a forward). In:
 * coordinate-mediation, routing and pickup handlers. Out: Redis records through {@link
 * dev.switchboard.mediator.store.MediationRecords}; the mediation and keylist quotas through {@link
 * dev.switchboard.mediator.quota.Quotas} (a grant or key past them is a {@code MediatorProblem}).
 */
@NullMarked
package dev.switchboard.mediator.mediation;

import org.jspecify.annotations.NullMarked;
