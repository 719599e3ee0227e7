package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.did.CompositeDidResolver;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** did:peer:4 long forms seen by one instance resolve short forms on another; real Redis. */
class RedisDidPeer4LongFormsTest {
    // decentralized-identity/did-peer-4 README.md input document
    private static final String INPUT = """
            {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],\
            "verificationMethod":[{"id":"#key-0","type":"Multikey","publicKeyMultibase":"z6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V"},\
            {"id":"#key-1","type":"Multikey","publicKeyMultibase":"z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"}],\
            "authentication":["#key-0"],"keyAgreement":["#key-1"]}""";

    static RedisServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = RedisTestResource.freePort();
        server = new RedisServer(port);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static MediatorRedis connect() {
        return new MediatorRedis(new RedisConfig() {
            public java.util.Optional<String> password() {
                return java.util.Optional.empty();
            }

            public String uri() {
                return "redis://127.0.0.1:" + port;
            }

            public String keyPrefix() {
                return "peer4";
            }

            public Duration commandTimeout() {
                return Duration.ofSeconds(5);
            }

            public boolean embedded() {
                return false;
            }

            public String durability() {
                return "none";
            }

            public java.time.Duration waitTimeout() {
                return java.time.Duration.ofSeconds(1);
            }

            public int dueSetBuckets() {
                return 16;
            }
        });
    }

    private static RedisDidPeer4LongForms store() {
        MediatorConfig config = (MediatorConfig) java.lang.reflect.Proxy.newProxyInstance(
                MediatorConfig.class.getClassLoader(), new Class<?>[] {MediatorConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("didPeer4LongFormTtl")) {
                        return TTL;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new RedisDidPeer4LongForms(connect(), config);
    }

    private static final Duration TTL = Duration.ofDays(30);

    @Test
    void aLongFormSeenBeforeAuthenticationIsNotStoredAndOneAuthenticatedIsStoredWithATtl() {
        String longForm = DidPeer4.create(INPUT.replace("#key-0", "#key-9"));
        String shortForm = DidPeer4.shortForm(longForm);
        RedisDidPeer4LongForms a = store();
        CompositeDidResolver instanceA = CompositeDidResolver.builtIn(a);
        // resolved while unpacking (the skid of a message not yet decrypted): memory only
        instanceA.require(longForm);
        assertThat(connect().sync().exists(connect().keys().didPeer4(shortForm)))
                .isZero();
        assertThat(instanceA.require(shortForm).id())
                .as("this instance remembers it")
                .isEqualTo(shortForm);

        a.authenticated(longForm + "#key-1");
        assertThat(connect().sync().get(connect().keys().didPeer4(shortForm))).isEqualTo(longForm);
        assertThat(connect().sync().ttl(connect().keys().didPeer4(shortForm)))
                .isBetween(TTL.toSeconds() - 60, TTL.toSeconds());
        // a short form in use renews the TTL (throttled: once a day per instance)
        connect().sync().expire(connect().keys().didPeer4(shortForm), 100);
        store().authenticated(shortForm);
        assertThat(connect().sync().ttl(connect().keys().didPeer4(shortForm))).isGreaterThan(100);
        a.authenticated("did:peer:2.Ez6LSabc"); // other methods: nothing
    }

    @Test
    void shortFormResolvesOnAnInstanceThatNeverSawTheLongForm() {
        String longForm = DidPeer4.create(INPUT);
        String shortForm = DidPeer4.shortForm(longForm);
        RedisDidPeer4LongForms a = store();
        CompositeDidResolver instanceA = CompositeDidResolver.builtIn(a);
        CompositeDidResolver instanceB = CompositeDidResolver.builtIn(store());

        assertThatThrownBy(() -> instanceB.resolve(shortForm))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.DID_UNRESOLVABLE));
        instanceA.require(longForm);
        a.authenticated(longForm);

        DidDocument viaShort = instanceB.require(shortForm + "#key-1");
        assertThat(viaShort.id()).isEqualTo(shortForm);
        assertThat(viaShort.keyAgreement()).hasSize(1);
        MediatorRedis redis = connect();
        assertThat(redis.sync().get(redis.keys().didPeer4(shortForm))).isEqualTo(longForm);
    }
}
