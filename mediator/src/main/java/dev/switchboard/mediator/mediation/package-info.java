/**
 * Mediation state shared by every instance: granted mediations, keylists and the recipient-key index
 * that routes forwards. In: coordinate-mediation and routing handlers. Out: Redis records.
 */
@NullMarked
package dev.switchboard.mediator.mediation;

import org.jspecify.annotations.NullMarked;
