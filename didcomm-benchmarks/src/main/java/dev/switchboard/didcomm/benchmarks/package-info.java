/**
 * JMH benchmarks of the didcomm library (not tests; not run by {@code ./test}).
 *
 * <p>In: nothing but generated keys and a 1 KB plaintext. Out: JMH throughput figures (operations per second
 * per thread), recorded by hand with their command in {@code docs/benchmarks.md}. The raw libsodium X25519
 * ({@code crypto_scalarmult}) baseline is the ceiling an unpack approaches: anoncrypt costs one X25519,
 * authcrypt two.
 */
@NullMarked
package dev.switchboard.didcomm.benchmarks;

import org.jspecify.annotations.NullMarked;
