/** Test support: a real Redis server and a hand-moved clock. */
@NullMarked
package dev.switchboard.queue.testing;

import org.jspecify.annotations.NullMarked;
