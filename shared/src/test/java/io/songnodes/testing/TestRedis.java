package io.songnodes.testing;

import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A random Redis key prefix for one test; close deletes every key under it. */
public final class TestRedis implements AutoCloseable {
    public static final String HOST = System.getenv().getOrDefault("SONGNODES_TEST_REDIS_HOST", "localhost");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SONGNODES_TEST_REDIS_PORT", "6379"));

    private final String prefix = "sn-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final JedisPooled jedis = new JedisPooled(HOST, PORT);

    public String prefix() { return prefix; }

    public String uri() { return "redis://" + HOST + ":" + PORT; }

    public JedisPooled jedis() { return jedis; }

    public long keyCount() {
        long n = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> r = jedis.scan(cursor, new ScanParams().match(prefix + "*").count(500));
            n += r.getResult().size();
            cursor = r.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return n;
    }

    @Override public void close() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> r = jedis.scan(cursor, new ScanParams().match(prefix + "*").count(500));
            if (!r.getResult().isEmpty()) jedis.del(r.getResult().toArray(String[]::new));
            cursor = r.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        jedis.close();
    }
}
