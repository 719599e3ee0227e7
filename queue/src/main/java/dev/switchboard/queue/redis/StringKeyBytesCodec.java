package dev.switchboard.queue.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * UTF-8 string keys, raw byte values, written straight into Netty's buffers ({@link
 * ToByteBufEncoder}). {@code RedisCodec.of(StringCodec, ByteArrayCodec)} would work too, but its
 * composed codec encodes every key through an intermediate {@link ByteBuffer}, which showed up as a
 * quarter of the connection thread's encoding time in the mailbox benchmark.
 */
final class StringKeyBytesCodec implements RedisCodec<String, byte[]>, ToByteBufEncoder<String, byte[]> {

    static final StringKeyBytesCodec INSTANCE = new StringKeyBytesCodec();

    private static final StringCodec KEYS = StringCodec.UTF8;
    private static final ByteArrayCodec VALUES = ByteArrayCodec.INSTANCE;

    private StringKeyBytesCodec() {}

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return KEYS.decodeKey(bytes);
    }

    @Override
    public byte[] decodeValue(ByteBuffer bytes) {
        return VALUES.decodeValue(bytes);
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return KEYS.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(byte[] value) {
        return VALUES.encodeValue(value);
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        KEYS.encodeKey(key, target);
    }

    @Override
    public void encodeValue(byte[] value, ByteBuf target) {
        if (value != null) {
            target.writeBytes(value);
        }
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue instanceof byte[] bytes ? bytes.length : KEYS.estimateSize(keyOrValue);
    }
}
