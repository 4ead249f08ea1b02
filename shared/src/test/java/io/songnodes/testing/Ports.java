package io.songnodes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Local ports for tests. */
public final class Ports {
    private Ports() {}

    /**
     * A port nothing listens on now: bound by the OS, then released. A closed port for a fault (an unreachable
     * Redis), or a free one for a private server or a metrics reporter.
     */
    public static int unused() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
