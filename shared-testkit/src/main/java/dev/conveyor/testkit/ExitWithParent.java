package dev.conveyor.testkit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs another main class in a child JVM that exits when the JVM that started it is gone, so that a process started
 * by a test (a broker, a consumer to be killed) never outlives a test run that was killed:
 * {@code ExitWithParent PARENT_PID MAIN_CLASS ARGS...}.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    /**
     * The command line that runs {@code mainClass} with these arguments in a child JVM on this JVM's class path, ending
     * when this JVM ends: the same java, then {@code jvmOptions}, then this class with this process's pid.
     */
    public static List<String> command(List<String> jvmOptions, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExitWithParent.class.getName());
        command.add(String.valueOf(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        Thread.ofPlatform().daemon().name("exit-with-parent").start(() -> {
            while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    TimeUnit.SECONDS.sleep(1);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
            Runtime.getRuntime().halt(1);
        });
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
