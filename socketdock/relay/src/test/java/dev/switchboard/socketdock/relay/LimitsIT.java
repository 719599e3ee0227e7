package dev.switchboard.socketdock.relay;

import static dev.switchboard.socketdock.relay.support.RelayFixture.DISCONNECT;
import static dev.switchboard.socketdock.relay.support.RelayFixture.MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.socketdock.relay.support.RelayFixture;
import dev.switchboard.socketdock.relay.support.TestBackend;
import dev.switchboard.socketdock.relay.support.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Frame size limit (1009) without harm to the neighbours. */
class LimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void frameOverTheLimitClosesWith1009AndNeighboursCarryOn() throws Exception {
        try (TestBackend backend = new TestBackend();
                RelayFixture fixture = new RelayFixture(backend, b -> b.maxFrameSize(64 * 1024));
                WsClient offender = WsClient.connect(fixture.ws());
                WsClient neighbour = WsClient.connect(fixture.ws())) {
            offender.sendBinary(new byte[64 * 1024]); // exactly the limit: accepted
            assertThat(backend.next(MESSAGE, WAIT)).isNotNull();
            offender.sendBinary(new byte[64 * 1024 + 1]);
            assertThat(offender.awaitClose(WAIT).code()).isEqualTo(1009);
            assertThat(JSON.readTree(backend.next(DISCONNECT, WAIT).body())
                            .get("close_code")
                            .asInt())
                    .isEqualTo(1009);
            neighbour.sendText("fine");
            assertThat(JSON.readTree(backend.next(MESSAGE, WAIT).body())
                            .get("message")
                            .asText())
                    .isEqualTo("fine");
            assertThat(fixture.relay.context().metrics().closedCount(1009)).isEqualTo(1);
        }
    }
}
