package dev.switchboard.mediator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.mediator.store.MediatorKeyRecords;
import dev.switchboard.mediator.store.MediatorRedis;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The shared identity: created once, first writer wins, sealed with the key-encryption key; real Redis. */
class MediatorIdentityTest {
    private static final String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String OTHER_KEK = "HxwdHh8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo=";

    static RedisServer redis;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        port = RedisTestResource.freePort();
        redis = new RedisServer(port);
        redis.start();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.stop();
    }

    private static RedisConfig redisConfig(String prefix) {
        return new RedisConfig() {
            public java.util.Optional<String> password() {
                return java.util.Optional.empty();
            }

            public String uri() {
                return "redis://127.0.0.1:" + port;
            }

            public String keyPrefix() {
                return prefix;
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
        };
    }

    private static MediatorConfig config(String kek) {
        return new MediatorConfig() {
            public String label() {
                return "test";
            }

            public URI publicHttpUrl() {
                return URI.create("http://127.0.0.1/");
            }

            public List<URI> publicWsUrls() {
                return List.of();
            }

            public Optional<String> keyEncryptionKey() {
                return Optional.ofNullable(kek);
            }

            public int maxMessageBytes() {
                return 1024;
            }

            public boolean acceptEcdh1puDraft03() {
                return false;
            }

            public java.time.Duration didPeer4LongFormTtl() {
                return java.time.Duration.ofDays(30);
            }

            public Pickup pickup() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static MediatorKeyRecords records(RedisConfig config) {
        return new MediatorKeyRecords(new MediatorRedis(config));
    }

    /** The stored value of a record (a second writer gets the first one's value back). */
    private static String storedValue(MediatorKeyRecords records, MediatorKeyRecords.Record record) {
        MediatorKeyRecords.Stored stored = records.putIfAbsent(record, name -> "not-a-sealed-value");
        assertThat(stored.created()).isFalse();
        return stored.value();
    }

    @Test
    void instancesStartingTogetherAgreeOnTheKeys() throws Exception {
        RedisConfig shared = redisConfig("together");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<MediatorIdentity>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> new MediatorIdentity(config(KEK), records(shared)));
            }
            List<String> keys = new ArrayList<>();
            for (Future<MediatorIdentity> f : pool.invokeAll(starts)) {
                MediatorIdentity identity = f.get();
                keys.add(identity.invitationKey().verkey() + "/"
                        + identity.routingKey().verkey());
            }
            assertThat(keys).hasSize(4).containsOnly(keys.get(0));
            assertThat(keys.get(0).split("/")[0]).isNotEqualTo(keys.get(0).split("/")[1]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storedKeysAreSealedAndNeedTheSameKek() {
        RedisConfig shared = redisConfig("sealed");
        MediatorKeyRecords redis = records(shared);
        MediatorIdentity identity = new MediatorIdentity(config(KEK), redis);
        String stored = storedValue(redis, MediatorKeyRecords.Record.DIDCOMM_V1);
        assertThat(stored).doesNotContain(identity.invitationKey().jwk().getD().toString());
        assertThat(new String(java.util.Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
                .doesNotContain("Ed25519");
        assertThat(identity.findKey(identity.routingKey().verkey())).isPresent();
        assertThat(identity.findKey("unknown")).isEmpty();
        assertThatThrownBy(() -> new MediatorIdentity(config(OTHER_KEK), redis))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key-encryption key");
    }

    @Test
    void v2DidIsSharedSealedAndCarriesTheEndpoints() {
        MediatorKeyRecords redis = records(redisConfig("v2did"));
        MediatorDid first = new MediatorDid(config(KEK), redis);
        MediatorDid second = new MediatorDid(config(KEK), redis);
        assertThat(second.did()).isEqualTo(first.did()).startsWith("did:peer:2.V");
        String stored = storedValue(redis, MediatorKeyRecords.Record.DIDCOMM_V2);
        assertThat(new String(java.util.Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
                .doesNotContain("X25519");
        assertThat(first.findKey(first.keyAgreementKid())).isPresent();
        assertThat(first.findKey(first.did() + "#key-1")).isPresent();
        assertThat(first.findKey(first.did() + "#key-3")).isEmpty();
        assertThat(first.isOwn(first.keyAgreementKid())).isTrue();
        assertThat(second.didPeer4()).isEqualTo(first.didPeer4());
        String shortForm = dev.switchboard.didcomm.did.DidPeer4.shortForm(first.didPeer4());
        assertThat(first.findKey(shortForm + "#key-2")).isPresent();
        assertThat(first.didOf(shortForm + "#key-2")).isEqualTo(shortForm);
        assertThat(first.didOf("did:example:other#key-2")).isEqualTo(first.did());
        var doc = dev.switchboard.didcomm.did.DidPeer2.document(first.did());
        assertThat(doc.services()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("DIDCommMessaging");
            assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1/"));
        });
        assertThat(doc.keyAgreement()).containsExactly(first.keyAgreementKid());
        assertThatThrownBy(() -> new MediatorDid(config(OTHER_KEK), redis)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingOrMalformedKekIsAClearError() {
        MediatorKeyRecords redis = records(redisConfig("nokek"));
        assertThatThrownBy(() -> new MediatorIdentity(config(null), redis))
                .hasMessageContaining("switchboard.mediator.key-encryption-key");
        assertThatThrownBy(() -> new MediatorIdentity(config("c2hvcnQ="), redis))
                .hasMessageContaining("expected: 32 bytes");
    }
}
