package io.chronoflow.worker.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/** This machine's host name, looked up once. */
public final class Host {

    /** The host name, or the JVM's {@code pid@host} name when the lookup fails. */
    public static final String NAME = lookup();

    private Host() {}

    private static String lookup() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
