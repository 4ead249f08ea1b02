package io.songnodes.tools.sim;

import java.util.concurrent.atomic.AtomicReference;

/** The running simulator's changeable tuning; swapped whole so a request never sees half a change. */
final class SimulatorState {
    private final AtomicReference<Tuning> tuning;

    SimulatorState(Tuning initial) { tuning = new AtomicReference<>(initial); }

    Tuning tuning() { return tuning.get(); }

    void set(Tuning t) { tuning.set(t); }
}
