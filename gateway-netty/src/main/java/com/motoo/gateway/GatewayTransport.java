package com.motoo.gateway;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Netty transports the gateway can serve on: each names its event-loop handler and its server
 * channel, and says whether this machine can run it (the native ones need Linux, their native
 * library, and for io_uring a kernel that allows it). Asking loads the transport's native library
 * once per JVM; any thread may ask.
 */
public enum GatewayTransport {
    /** Linux io_uring: reads, writes and accepts submitted to and completed through shared rings. */
    IO_URING("io_uring", IoUring::isAvailable, IoUring::unavailabilityCause, IoUringIoHandler::newFactory,
        IoUringServerSocketChannel.class),
    /** Linux epoll: readiness, then one read or write system call per socket. */
    EPOLL("epoll", Epoll::isAvailable, Epoll::unavailabilityCause, EpollIoHandler::newFactory,
        EpollServerSocketChannel.class),
    /** The JDK's selector: everywhere. */
    NIO("nio", () -> true, () -> null, NioIoHandler::newFactory, NioServerSocketChannel.class);

    private final String label;
    private final BooleanSupplier available;
    private final Supplier<Throwable> unavailabilityCause;
    private final Supplier<IoHandlerFactory> handlers;
    private final Class<? extends ServerChannel> serverChannel;

    GatewayTransport(String label, BooleanSupplier available, Supplier<Throwable> unavailabilityCause,
                     Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> serverChannel) {
        this.label = label;
        this.available = available;
        this.unavailabilityCause = unavailabilityCause;
        this.handlers = handlers;
        this.serverChannel = serverChannel;
    }

    /** @return the name used in {@link Configuration#TRANSPORT} and in the logs ({@code io_uring}, {@code epoll}, {@code nio}) */
    public String label() {
        return label;
    }

    /** @return whether this machine and JVM can serve on it */
    public boolean isAvailable() {
        return available.getAsBoolean();
    }

    /** @return why it cannot be used here, or null when it can */
    public Throwable unavailabilityCause() {
        return unavailabilityCause.get();
    }

    /** @return a factory of event-loop handlers for it (one per event loop); available transports only */
    public IoHandlerFactory ioHandlers() {
        return handlers.get();
    }

    /** @return its listening socket's channel class, for {@code ServerBootstrap.channel} */
    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /**
     * Picks the first transport this machine can run, telling {@code log} why each one before it was
     * passed over.
     *
     * @param preference transports in order of preference, ending with {@link #NIO}
     * @return the first available one
     */
    public static GatewayTransport firstAvailable(List<GatewayTransport> preference, Consumer<String> log) {
        for (GatewayTransport transport : preference) {
            if (transport.isAvailable()) {
                return transport;
            }
            log.accept(transport.label + " is not available, passed over: " + transport.unavailabilityCause());
        }
        throw new IllegalArgumentException("no available transport in " + preference);
    }
}
