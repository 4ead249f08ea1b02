package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/** A share of one provider's requests that get one fault; {@code provider} null means every provider. */
public record FaultSpec(ProviderName provider, FaultKind kind, double share) {
    public FaultSpec {
        if (kind == null) throw new IllegalArgumentException("fault kind is required");
        if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("fault share must be in [0,1], got " + share);
    }

    /** Parses {@code provider:kind:share}, e.g. {@code musicbrainz:5xx:0.2} or {@code *:reset:0.05}. */
    public static FaultSpec parse(String spec) {
        String[] p = spec.trim().split(":");
        if (p.length != 3) throw new IllegalArgumentException("--fault: expected provider:kind:share, got '" + spec + "'");
        ProviderName provider;
        try {
            provider = p[0].equals("*") || p[0].equalsIgnoreCase("all") ? null : ProviderName.of(p[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault: unknown provider '" + p[0] + "' in '" + spec + "'");
        }
        double share;
        try {
            share = Double.parseDouble(p[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fault: share is not a number in '" + spec + "'");
        }
        return new FaultSpec(provider, FaultKind.parse(p[1]), share);
    }

    public static List<FaultSpec> parseAll(List<String> specs) {
        List<FaultSpec> out = new ArrayList<>();
        if (specs != null) for (String s : specs) out.add(parse(s));
        return out;
    }

    public boolean appliesTo(ProviderName p) { return provider == null || provider == p; }

    @Override
    public String toString() { return (provider == null ? "*" : provider.id()) + ":" + kind.token() + ":" + share; }
}
