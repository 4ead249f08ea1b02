package io.songnodes.jobs.bronzetosilver.metrics;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/** A histogram safe to update from the async executor's threads. */
final class SynchronizedHistogram implements Histogram {
    private final Histogram delegate;

    SynchronizedHistogram(Histogram delegate) { this.delegate = delegate; }

    @Override public synchronized void update(long value) { delegate.update(value); }

    @Override public synchronized long getCount() { return delegate.getCount(); }

    @Override public synchronized HistogramStatistics getStatistics() { return delegate.getStatistics(); }
}
