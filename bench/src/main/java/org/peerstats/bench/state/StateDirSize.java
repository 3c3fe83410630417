package org.peerstats.bench.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The bytes Kafka Streams' RocksDB stores take on disk, read from a closed application's state
 * directory ({@code <state.dir>/<application.id>/<task>/rocksdb/<store>/}), per store.
 *
 * <p>{@link #compactAll} rewrites each store with one full compaction, with the options Kafka
 * Streams itself uses (4 KiB blocks, Bloom filters but not on the last level, universal
 * compaction; no compression unless asked), so the size is that of the live data without the
 * superseded versions that recent flushes leave until RocksDB compacts them.
 */
public final class StateDirSize {

    /** One store's files, over all its task directories. */
    public record StoreFiles(long sstBytes, long otherBytes, int sstFiles) {
        public long totalBytes() {
            return sstBytes + otherBytes;
        }

        StoreFiles plus(StoreFiles other) {
            return new StoreFiles(sstBytes + other.sstBytes, otherBytes + other.otherBytes, sstFiles + other.sstFiles);
        }
    }

    private StateDirSize() {
    }

    /** Store name → its files, over every task of the application. */
    public static Map<String, StoreFiles> measure(Path applicationStateDir) {
        Map<String, StoreFiles> stores = new TreeMap<>();
        for (Path storeDir : storeDirs(applicationStateDir)) {
            stores.merge(storeDir.getFileName().toString(), files(storeDir), StoreFiles::plus);
        }
        return stores;
    }

    public static long totalSstBytes(Map<String, StoreFiles> stores) {
        return stores.values().stream().mapToLong(StoreFiles::sstBytes).sum();
    }

    /**
     * Runs a full compaction of every store under the (closed) application's state directory,
     * writing the new files with {@code compression} ({@code NO_COMPRESSION} is what Kafka
     * Streams uses).
     */
    public static void compactAll(Path applicationStateDir, CompressionType compression) {
        RocksDB.loadLibrary();
        for (Path storeDir : storeDirs(applicationStateDir)) {
            compact(storeDir, compression);
        }
    }

    /** Copies the (closed) application's state directory to {@code target}. */
    public static void copy(Path applicationStateDir, Path target) {
        try (Stream<Path> paths = Files.walk(applicationStateDir)) {
            for (Path path : paths.toList()) {
                Path to = target.resolve(applicationStateDir.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else if (!path.getFileName().toString().equals("LOCK")) {
                    Files.copy(path, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + applicationStateDir + " to " + target, e);
        }
    }

    private static void compact(Path storeDir, CompressionType compression) {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (Options listOptions = new Options();
             BloomFilter filter = new BloomFilter();
             ColumnFamilyOptions columnOptions = new ColumnFamilyOptions()
                     .setCompressionType(compression)
                     .setCompactionStyle(CompactionStyle.UNIVERSAL)
                     .setOptimizeFiltersForHits(true)
                     .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(4096).setFilterPolicy(filter));
             DBOptions dbOptions = new DBOptions().setCreateIfMissing(false).setInfoLogLevel(InfoLogLevel.ERROR_LEVEL)) {
            List<ColumnFamilyDescriptor> families = RocksDB.listColumnFamilies(listOptions, storeDir.toString())
                    .stream().map(name -> new ColumnFamilyDescriptor(name, columnOptions)).toList();
            try (RocksDB db = RocksDB.open(dbOptions, storeDir.toString(), families, handles)) {
                for (ColumnFamilyHandle handle : handles) {
                    db.compactRange(handle);
                }
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot compact the RocksDB store in " + storeDir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> storeDirs(Path applicationStateDir) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(applicationStateDir)) {
            for (Path task : tasks.filter(Files::isDirectory).toList()) {
                Path rocksdb = task.resolve("rocksdb");
                if (Files.isDirectory(rocksdb)) {
                    try (Stream<Path> stores = Files.list(rocksdb)) {
                        stores.filter(Files::isDirectory).forEach(dirs::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the state directory " + applicationStateDir, e);
        }
        return dirs;
    }

    private static StoreFiles files(Path storeDir) {
        long sst = 0;
        long other = 0;
        int sstFiles = 0;
        try (Stream<Path> files = Files.list(storeDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                long size = Files.size(file);
                if (file.getFileName().toString().endsWith(".sst")) {
                    sst += size;
                    sstFiles++;
                } else {
                    other += size;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + storeDir, e);
        }
        return new StoreFiles(sst, other, sstFiles);
    }
}
