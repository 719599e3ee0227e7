/**
 * The attacker of {@code loadtest/run abuse}: floods a running system with what an anonymous client can send
 * (issue 13) while the Gatling simulation's legitimate wallets receive forwards. In: {@code abuse.*} system
 * properties (endpoints, duration, rates, socket counts). Out: a figures block on standard output ({@code ====
 * abuse figures} ... {@code END}): requests sent and the statuses or close codes they got, per attack.
 */
@NullMarked
package dev.switchboard.loadtest.abuse;

import org.jspecify.annotations.NullMarked;
