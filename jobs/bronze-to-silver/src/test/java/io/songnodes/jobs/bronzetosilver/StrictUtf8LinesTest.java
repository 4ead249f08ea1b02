package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.RawBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;

/** Backfill lines are decoded strictly: a line that is not UTF-8 keeps its bytes, never replacement characters. */
class StrictUtf8LinesTest {
    @Test
    void badLinesKeepTheirBytes() throws Exception {
        byte[] bad = {'{', '"', 'a', (byte) 0xFF, '"', '}'};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("{\"x\":\"é\"}\n".getBytes(StandardCharsets.UTF_8));
        file.write(bad);
        file.write("\n{\"crlf\":1}\r\nlast".getBytes(StandardCharsets.UTF_8));
        Path f = Files.createTempFile("lines", ".jsonl");
        Files.write(f, file.toByteArray());
        List<String> lines = new ArrayList<>();
        try (var reader = new StrictUtf8Lines().createReader(new Configuration(), new LocalDataInputStream(f.toFile()))) {
            String l;
            while ((l = reader.read()) != null) lines.add(l);
        } finally {
            Files.delete(f);
        }
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("{\"x\":\"é\"}");
        assertThat(RawBody.isNotUtf8(lines.get(1))).isTrue();
        assertThat(Base64.getDecoder().decode(RawBody.base64(lines.get(1)))).isEqualTo(bad);
        assertThat(lines.get(2)).isEqualTo("{\"crlf\":1}");
        assertThat(lines.get(3)).isEqualTo("last");
    }
}
