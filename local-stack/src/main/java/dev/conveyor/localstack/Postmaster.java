package dev.conveyor.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process (the postmaster) of one data directory, found through the directory's
 * {@code postmaster.pid}: whichever process started it, and whether or not that process is still alive.
 */
final class Postmaster {

    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);

    private static final Path SYSV_SHARED_MEMORY = Path.of("/proc/sysvipc/shm");

    private final ProcessHandle process;

    private Postmaster(ProcessHandle process) {
        this.process = process;
    }

    /**
     * The live postmaster of this data directory, if there is one. A {@code postmaster.pid} left behind by a killed
     * server names a dead process, or (after pid reuse) a process that is not a PostgreSQL server of this directory:
     * neither counts.
     */
    static Optional<Postmaster> of(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(Postmaster::running).filter(p -> serves(p, dataDirectory))
            .map(Postmaster::new);
    }

    private static boolean serves(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> Path.of(command).getFileName().toString().equals("postgres"))
            .orElse(false);
        List<String> arguments = info.arguments().map(List::of).orElse(List.of());
        return postgres && arguments.contains(dataDirectory.toString());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return running(process);
    }

    /**
     * Alive and not a zombie: the server is not this JVM's child, and where nothing reaps orphans (a container without
     * an init process) a killed server stays a zombie, which {@link ProcessHandle#isAlive()} counts as alive.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // pid (command) state ...: the command may contain spaces and parentheses, the state follows the last ')'.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        }
        catch (IOException | RuntimeException ex) {
            return process.isAlive();
        }
    }

    /**
     * Stops the server the way an operator would: a fast shutdown (SIGINT: sessions are disconnected, a checkpoint is
     * written); if that takes longer than {@code fastShutdownTimeout}, an immediate shutdown (SIGQUIT: crash recovery
     * at the next start); as a last resort SIGKILL of the postmaster and its children.
     */
    void stop(Duration fastShutdownTimeout) {
        List<ProcessHandle> children = process.descendants().toList();
        signal("INT");
        if (awaitExit(fastShutdownTimeout)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) did not shut down within {} s: immediate shutdown", pid(),
                fastShutdownTimeout.toSeconds());
        signal("QUIT");
        if (awaitExit(Duration.ofSeconds(5))) {
            return;
        }
        log.warn("PostgreSQL (pid {}) ignored the immediate shutdown: killing it", pid());
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(5));
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid())).inheritIO().start();
            kill.waitFor(5, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            log.warn("Could not send SIG{} to PostgreSQL (pid {}): {}", name, pid(), ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return true;
    }

    /**
     * Waits until no process of a previous server of this data directory is left: the children of a killed
     * postmaster notice its death and exit on their own within moments, and PostgreSQL refuses to start while any of
     * them still holds the old server's shared memory. Reads the segment named in {@code postmaster.pid} from
     * {@code /proc/sysvipc/shm} (Linux); elsewhere it returns at once and PostgreSQL's own check decides.
     *
     * @return whether the old server's processes are gone
     */
    static boolean awaitPreviousServerGone(Path dataDirectory, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Long> segment = sharedMemorySegment(dataDirectory);
        if (segment.isEmpty()) {
            return true;
        }
        while (attachedProcesses(segment.get()) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return true;
    }

    /**
     * A killed server stays a zombie until its new parent reaps it, and PostgreSQL takes a lock file whose process
     * still exists, zombie or not, for a running server ("Is another postmaster running?"). Once no process holds the
     * old server's shared memory, this waits for the recorded process to be reaped, and removes the lock file if it
     * is still a zombie after the timeout: a zombie runs nothing.
     */
    static void removeLockFileOfDeadServer(Path dataDirectory, Duration timeout) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        }
        catch (NumberFormatException ex) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcessHandle.of(pid).isPresent()) {
            if (ProcessHandle.of(pid).filter(Postmaster::running).isPresent()) {
                return; // a live process (not ours to judge): PostgreSQL's own check decides
            }
            if (System.nanoTime() > deadline) {
                try {
                    Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
                    log.warn("Removed the lock file of PostgreSQL server {}, a zombie nothing reaps", pid);
                }
                catch (IOException ex) {
                    log.warn("Could not remove {}: {}", dataDirectory.resolve("postmaster.pid"), ex.getMessage());
                }
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** The shared memory segment id on line 7 of postmaster.pid ("key id"). */
    private static Optional<Long> sharedMemorySegment(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.size() < 7) {
            return Optional.empty();
        }
        String[] keyAndId = lines.get(6).trim().split("\\s+");
        try {
            return keyAndId.length == 2 ? Optional.of(Long.parseLong(keyAndId[1])) : Optional.empty();
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static int attachedProcesses(long segment) {
        try {
            // Columns: key shmid perms size cpid lpid nattch ...
            return Files.readAllLines(SYSV_SHARED_MEMORY).stream().skip(1).map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 6 && columns[1].equals(Long.toString(segment)))
                .mapToInt(columns -> Integer.parseInt(columns[6])).findFirst().orElse(0);
        }
        catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    private static List<String> pidFile(Path dataDirectory) {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        }
        catch (NoSuchFileException ex) {
            return List.of();
        }
        catch (IOException ex) {
            log.warn("Could not read {}: {}", dataDirectory.resolve("postmaster.pid"), ex.getMessage());
            return List.of();
        }
    }
}
