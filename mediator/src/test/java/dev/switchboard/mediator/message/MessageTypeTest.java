package dev.switchboard.mediator.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Message type parsing per Aries RFC 0020/0003 and the return route decorator per RFC 0092. */
class MessageTypeTest {

    @Test
    void parsesBothPrefixesAndEmitsHttps() {
        MessageType sov = MessageType.of("did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/trust_ping/1.0/ping");
        MessageType https = MessageType.of("https://didcomm.org/trust_ping/1.0/ping");
        assertThat(sov).isEqualTo(https);
        assertThat(sov.toString()).isEqualTo("https://didcomm.org/trust_ping/1.0/ping");
        assertThat(sov.piuri().protocol()).isEqualTo("trust_ping");
        assertThat(sov.name()).isEqualTo("ping");
    }

    @Test
    void matchesOnMajorVersionOnly() {
        MessageType v10 = MessageType.of("https://didcomm.org/didexchange/1.0/request");
        MessageType v11 = MessageType.of("https://didcomm.org/didexchange/1.1/request");
        MessageType v20 = MessageType.of("https://didcomm.org/didexchange/2.0/request");
        assertThat(v10.matches(v11)).isTrue();
        assertThat(v10.matches(v20)).isFalse();
        assertThat(v10.piuri().majorKey()).isEqualTo(v11.piuri().majorKey());
        assertThat(MessageType.of("https://example.org/didexchange/1.0/request").matches(v10))
                .isFalse();
    }

    @Test
    void rejectsWhatIsNotAMessageType() {
        assertThat(MessageType.parse("ping")).isEmpty();
        assertThat(MessageType.parse("https://didcomm.org/trust_ping/ping")).isEmpty();
        assertThat(MessageType.parse("https://didcomm.org/trust_ping/1.0/")).isEmpty();
        assertThat(MessageType.parse("https://didcomm.org/trust_ping/x.0/ping")).isEmpty();
    }

    @Test
    void readsReturnRoute() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(ReturnRoute.of(json.readTree("{}"))).isEqualTo(ReturnRoute.NONE);
        assertThat(ReturnRoute.of(json.readTree("{\"~transport\":{\"return_route\":\"all\"}}")))
                .isEqualTo(ReturnRoute.ALL);
        assertThat(ReturnRoute.of(json.readTree("{\"~transport\":{\"return_route\":\"thread\"}}")))
                .isEqualTo(ReturnRoute.THREAD);
        assertThat(ReturnRoute.of(json.readTree("{\"~transport\":{\"return_route\":\"none\"}}")))
                .isEqualTo(ReturnRoute.NONE);
        assertThat(ReturnRoute.of(json.readTree("{\"~transport\":{\"return_route\":7}}")))
                .isEqualTo(ReturnRoute.NONE);
    }
}
