package io.songnodes.enrich.provider;

import static io.songnodes.enrich.provider.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** The factory switches providers off without credentials, and settings fail fast naming the key. */
class ProviderClientsTest {
    static final Map<String, String> ALL = Map.of(
            "SPOTIFY_CLIENT_ID", "id", "SPOTIFY_CLIENT_SECRET", "s3cret-spotify", "DISCOGS_TOKEN", "s3cret-discogs",
            "LASTFM_API_KEY", "s3cret-lastfm", "BEATPORT_TOKEN", "s3cret-beatport");

    @Test
    void allCredentialsEnableAllSix() {
        ProviderClients c = ProviderClients.create(settings(), ALL, new FixtureHttp());
        assertThat(c.enabled()).containsOnlyKeys(ProviderName.values());
        assertThat(c.disabled()).isEmpty();
        assertThat(c.enabled().get(ProviderName.SPOTIFY)).isInstanceOf(SpotifyClient.class);
        assertThat(c.enabled().get(ProviderName.BEATPORT).name()).isEqualTo(ProviderName.BEATPORT);
    }

    @Test
    void missingCredentialsSwitchProvidersOffWithOneLogLineEachAndNoSecretsLogged() {
        List<String> lines = new ArrayList<>();
        try (Capture ignored = new Capture(ProviderClients.class.getName(), lines)) {
            ProviderClients c = ProviderClients.create(settings(), Map.of("SPOTIFY_CLIENT_ID", "id", "DISCOGS_TOKEN", "  "), new FixtureHttp());

            assertThat(c.enabled()).containsOnlyKeys(ProviderName.MUSICBRAINZ, ProviderName.DEEZER);
            assertThat(c.disabled()).containsOnlyKeys(ProviderName.SPOTIFY, ProviderName.DISCOGS, ProviderName.LASTFM, ProviderName.BEATPORT);
            assertThat(c.disabled().get(ProviderName.SPOTIFY)).isEqualTo("SPOTIFY_CLIENT_SECRET not set");
            assertThat(c.disabled().get(ProviderName.DISCOGS)).isEqualTo("DISCOGS_TOKEN not set");
            assertThat(c.disabled().get(ProviderName.LASTFM)).isEqualTo("LASTFM_API_KEY not set");
            assertThat(c.get(ProviderName.SPOTIFY)).isEmpty();
        }
        assertThat(lines).containsExactlyInAnyOrder(
                "WARN provider spotify switched off: SPOTIFY_CLIENT_SECRET not set",
                "WARN provider discogs switched off: DISCOGS_TOKEN not set",
                "WARN provider lastfm switched off: LASTFM_API_KEY not set",
                "WARN provider beatport switched off: BEATPORT_TOKEN not set");
    }

    @Test
    void credentialsNeverPrintTheirValues() {
        assertThat(ProviderCredentials.from(ALL).toString()).doesNotContain("s3cret").contains("DISCOGS_TOKEN");
    }

    @Test
    void settingsFailFastNamingTheKey() {
        assertThatThrownBy(() -> ProviderSettings.defaults("SongNodes", "1.0", " "))
                .hasMessageContaining("providers.user_agent.contact");
        assertThatThrownBy(() -> ProviderSettings.defaults("Song\nNodes", "1.0", "a@b.c"))
                .hasMessageContaining("providers.user_agent.app");
        assertThatThrownBy(() -> new ProviderSettings("a", "1", "c", ProviderEndpoints.REAL, 0, 0, true,
                java.time.Duration.ZERO, java.time.Duration.ofSeconds(1))).hasMessageContaining("providers.search_limit");
        assertThatThrownBy(() -> ProviderEndpoints.allAt("localhost:8080")).hasMessageContaining("providers-url");
        assertThat(settings().userAgent()).isEqualTo(TestSettings.UA);
    }

    @Test
    void oneServerCanStandInForAllSix() throws Exception {
        FixtureHttp http = new FixtureHttp();
        ProviderSettings s = settings().withEndpoints(ProviderEndpoints.allAt("http://localhost:18080/"));
        ProviderClients c = ProviderClients.create(s, ALL, http);
        http.reply(200, "{\"recordings\":[]}");
        c.enabled().get(ProviderName.MUSICBRAINZ).lookup(TestSettings.text("A", "B"));
        assertThat(http.last().uri()).startsWith("http://localhost:18080/ws/2/recording?query=");
        http.reply(200, "{\"similartracks\":{}}");
        c.enabled().get(ProviderName.LASTFM).lookup(TestSettings.text("A", "B"));
        assertThat(http.last().uri()).startsWith("http://localhost:18080/2.0/?method=track.getInfo");

        ProviderEndpoints prefixed = ProviderEndpoints.prefixedAt("http://sim:9000");
        assertThat(prefixed.spotifyAccounts()).isEqualTo("http://sim:9000/spotify");
        assertThat(prefixed.lastfm()).isEqualTo("http://sim:9000/lastfm/2.0/");
    }

    /** Collects "LEVEL message" lines of one logger through a temporary log4j appender. */
    static final class Capture implements AutoCloseable {
        private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        private final LoggerConfig config;
        private final AbstractAppender appender;
        private final boolean added;

        Capture(String logger, List<String> lines) {
            appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
                @Override public void append(LogEvent e) { lines.add(e.getLevel() + " " + e.getMessage().getFormattedMessage()); }
            };
            appender.start();
            LoggerConfig existing = ctx.getConfiguration().getLoggerConfig(logger);
            added = !existing.getName().equals(logger);
            config = added ? new LoggerConfig(logger, org.apache.logging.log4j.Level.INFO, true) : existing;
            config.addAppender(appender, org.apache.logging.log4j.Level.INFO, null);
            if (added) ctx.getConfiguration().addLogger(logger, config);
            ctx.updateLoggers();
        }

        @Override public void close() {
            config.removeAppender(appender.getName());
            if (added) ctx.getConfiguration().removeLogger(config.getName());
            ctx.updateLoggers();
            appender.stop();
        }
    }
}
