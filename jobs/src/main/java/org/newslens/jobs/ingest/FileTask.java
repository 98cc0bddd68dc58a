package org.newslens.jobs.ingest;

import java.io.Serializable;

/**
 * One unit of reading: a whole file, or a byte range of a large uncompressed JSON-lines file.
 *
 * @param path the file's URI
 * @param format its format
 * @param start first byte of the range
 * @param length bytes in the range
 * @param fileLength the whole file's length
 */
public record FileTask(String path, InputFormat format, long start, long length, long fileLength)
    implements Serializable {
}
