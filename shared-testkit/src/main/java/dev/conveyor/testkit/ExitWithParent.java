package dev.conveyor.testkit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Runs another main class in a child JVM that exits when the JVM that started it is gone, so that a broker started
 * by a test never outlives a test run that was killed: {@code ExitWithParent PARENT_PID MAIN_CLASS ARGS...}.
 */
public final class ExitWithParent {

    private ExitWithParent() {
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
