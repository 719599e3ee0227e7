package dev.switchboard.queue.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;

/**
 * UTF-8 string keys, raw byte values, written straight into Netty's buffers ({@link
 * ToByteBufEncoder}). {@code RedisCodec.of(StringCodec, ByteArrayCodec)} would work too, but its
 * composed codec encodes every key through an intermediate {@link ByteBuffer}, which showed up as a
 * quarter of the connection thread's encoding time in the mailbox benchmark.
 *
 * <p>Sizes are exact ({@link #isEstimateExact()}): Lettuce then writes the bulk-string header and
 * the bytes straight into the command buffer; with an estimate it encodes every argument into a
 * temporary pooled buffer first and copies it (one more allocation and copy per argument, a tenth
 * of the connection thread's time in the benchmark).
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
        ByteBufUtil.writeUtf8(target, key);
    }

    @Override
    public void encodeValue(byte[] value, ByteBuf target) {
        if (value != null) {
            target.writeBytes(value);
        }
    }

    /** The exact encoded size: a value's length, or a key's UTF-8 length as {@link #encodeKey} writes it. */
    @Override
    public int estimateSize(Object keyOrValue) {
        if (keyOrValue instanceof byte[] bytes) {
            return bytes.length;
        }
        return keyOrValue instanceof CharSequence key ? ByteBufUtil.utf8Bytes(key) : 0;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }
}
