package io.songnodes.enrich.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A string body handler that refuses bodies over a byte limit, so one misbehaving provider cannot exhaust the heap. */
final class CappedBody implements HttpResponse.BodyHandler<String> {
    /** Provider answers are a few kB; a search page with full release data stays well under this. */
    static final long DEFAULT_MAX_BYTES = 4L << 20;

    /** The body was larger than the limit; nothing beyond the limit was read. */
    static final class TooLargeException extends IOException {
        TooLargeException(long max) { super("response body larger than " + max + " bytes"); }
    }

    private final long maxBytes;

    CappedBody(long maxBytes) { this.maxBytes = maxBytes; }

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Subscriber(maxBytes, declared > maxBytes, charset(info));
    }

    private static Charset charset(HttpResponse.ResponseInfo info) {
        String type = info.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        int i = type.indexOf("charset=");
        if (i < 0) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(type.substring(i + 8).split("[;\\s]")[0].replace("\"", ""));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final long max;
        private final boolean refuseAtOnce;
        private final Charset charset;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(long max, boolean refuseAtOnce, Charset charset) {
            this.max = max;
            this.refuseAtOnce = refuseAtOnce;
            this.charset = charset;
        }

        @Override public CompletionStage<String> getBody() { return result; }

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuseAtOnce) {
                s.cancel();
                result.completeExceptionally(new TooLargeException(max));
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override public void onError(Throwable t) { result.completeExceptionally(t); }

        @Override public void onComplete() { result.complete(bytes.toString(charset)); }
    }
}
