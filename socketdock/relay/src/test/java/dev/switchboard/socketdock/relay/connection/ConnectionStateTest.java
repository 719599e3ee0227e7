package dev.switchboard.socketdock.relay.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.protocol.CloseCodes;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each allowed transition of {@link ConnectionState} and each refused one. */
class ConnectionStateTest {
    private static final long OPENED = 123_456_789L;

    @Test
    void handshakingOpensCarryingTheOpenTimeAndBecomesWritable() {
        ConnectionState.Handshaking handshaking = new ConnectionState.Handshaking();
        assertThat(handshaking.writable()).isFalse();
        ConnectionState.Open open = handshaking.toOpen(OPENED);
        assertThat(open).isEqualTo(new ConnectionState.Open(OPENED));
        assertThat(open.writable()).isTrue();
    }

    @Test
    void openDrainsKeepingItsOpenTimeAndStaysWritable() {
        ConnectionState.Draining draining = new ConnectionState.Open(OPENED).toDraining();
        assertThat(draining).isEqualTo(new ConnectionState.Draining(OPENED));
        assertThat(draining.writable()).isTrue();
    }

    @Test
    void everyLiveStateClosesWithItsCodeAndReasonAndIsNoLongerWritable() {
        List<ConnectionState> live = List.of(
                new ConnectionState.Handshaking(),
                new ConnectionState.Open(OPENED),
                new ConnectionState.Draining(OPENED));
        for (ConnectionState state : live) {
            ConnectionState closed = state.toClosed(CloseCodes.GOING_AWAY, "draining");
            assertThat(closed).as("from %s", state).isEqualTo(new ConnectionState.Closed(1001, "draining"));
            assertThat(closed.writable()).isFalse();
        }
    }

    @Test
    void closedIsTerminalAndTheFirstCodeWins() {
        ConnectionState closed = new ConnectionState.Open(OPENED).toClosed(CloseCodes.MESSAGE_TOO_BIG, "too big");
        ConnectionState again = closed.toClosed(CloseCodes.ABNORMAL_CLOSURE, "connection lost");
        assertThat(again).isSameAs(closed).isEqualTo(new ConnectionState.Closed(1009, "too big"));
    }

    @Test
    void onlyTheDrawnTransitionsExist() {
        // the refused transitions are refused by the types: no state offers a method for them
        assertThat(transitions(ConnectionState.Handshaking.class)).containsExactlyInAnyOrder("toOpen", "toClosed");
        assertThat(transitions(ConnectionState.Open.class)).containsExactlyInAnyOrder("toDraining", "toClosed");
        assertThat(transitions(ConnectionState.Draining.class)).containsExactly("toClosed");
        assertThat(transitions(ConnectionState.Closed.class)).containsExactly("toClosed");
        assertThat(ConnectionState.class.getPermittedSubclasses()).hasSize(4);
    }

    private static List<String> transitions(Class<?> state) {
        return Arrays.stream(state.getMethods())
                .map(Method::getName)
                .filter(n -> n.startsWith("to") && !n.equals("toString"))
                .distinct()
                .toList();
    }
}
