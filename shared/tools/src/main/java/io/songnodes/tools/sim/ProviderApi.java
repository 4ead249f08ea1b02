package io.songnodes.tools.sim;

/** One provider's HTTP API as the simulator serves it (from the catalog or from recorded fixtures). */
public interface ProviderApi {
    /** A short fixed endpoint name ("search", "track", "audio_features", "token"), used for capability faults. */
    String endpoint(SimRequest request);

    /** The answer a healthy, unthrottled provider gives. */
    Answer serve(SimRequest request);
}
