package dev.switchboard.queue.route;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Recipient to live sockets, and relay instance liveness. Several sockets per recipient are allowed
 * (a wallet on two devices, or a reconnect racing its old socket's disconnect).
 *
 * <p>Every method is asynchronous and never blocks the calling thread. Stages complete exceptionally
 * with {@link dev.switchboard.queue.QueueException} when the store fails. Times are the
 * adapter's {@link java.time.Clock}.
 */
public interface RouteTable {

    /**
     * Records or refreshes a route. A route with the same recipient and connection id replaces the
     * earlier one, keeping the earlier {@code since} (the socket did not change).
     */
    CompletionStage<Void> put(Route route);

    /**
     * The live routes of a recipient, newest {@code since} first. A route is live while its lease has
     * not ended and its relay instance's heartbeat has not lapsed (see {@link #heartbeat}); other
     * routes are never returned (and may be removed as a side effect).
     *
     * @return live routes, possibly empty
     */
    CompletionStage<List<Route>> routes(String recipient);

    /**
     * Removes the route of one socket for one recipient (the {@code send} callback answered 404 or
     * failed). Idempotent.
     *
     * @return true if a route was removed
     */
    CompletionStage<Boolean> remove(String recipient, String connectionId);

    /**
     * Removes every route of one socket, whatever recipients it served (the relay reported its
     * disconnect). Idempotent.
     *
     * @param instanceId the relay instance holding the socket
     * @param connectionId the socket's id on that relay
     * @return how many routes were removed
     */
    CompletionStage<Integer> removeConnection(String instanceId, String connectionId);

    /**
     * Records that a relay instance is alive for {@code ttl} from now (the relay's periodic heartbeat;
     * choose a {@code ttl} of two to three heartbeat intervals).
     */
    CompletionStage<Void> heartbeat(String instanceId, Duration ttl);

    /**
     * As {@link #heartbeat(String, Duration)}, recording also the open sockets the relay reported, for {@link
     * #relays()}.
     *
     * @param connections open sockets on the relay, {@code >= 0}
     */
    CompletionStage<Void> heartbeat(String instanceId, Duration ttl, int connections);

    /**
     * The relay instances whose heartbeat (with a socket count) has not lapsed, by instance id; forgets lapsed
     * ones as a side effect.
     */
    CompletionStage<List<RelayInstance>> relays();

    /** True if the instance's last heartbeat has not lapsed. */
    CompletionStage<Boolean> isAlive(String instanceId);

    /**
     * Forgets a relay instance at once (it announced a shutdown): its routes stop being returned.
     * Idempotent.
     */
    CompletionStage<Void> forgetInstance(String instanceId);
}
