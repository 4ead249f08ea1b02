package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.RawBody;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Lines of a file, each decoded strictly as UTF-8 ({@link RawBody}): Flink's TextLineInputFormat replaces bad
 * bytes silently, so a backfill line that is not UTF-8 would reach silver altered instead of the DLQ intact.
 */
public final class StrictUtf8Lines extends SimpleStreamFormat<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public StreamFormat.Reader<String> createReader(Configuration config, FSDataInputStream stream) {
        InputStream in = new BufferedInputStream(stream, 64 * 1024);
        return new StreamFormat.Reader<>() {
            @Override
            public String read() throws IOException {
                ByteArrayOutputStream line = new ByteArrayOutputStream(256);
                int b;
                while ((b = in.read()) != -1 && b != '\n') line.write(b);
                if (b == -1 && line.size() == 0) return null;
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return RawBody.of(n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n));
            }

            @Override
            public void close() throws IOException { in.close(); }
        };
    }

    @Override
    public TypeInformation<String> getProducedType() { return Types.STRING; }
}
