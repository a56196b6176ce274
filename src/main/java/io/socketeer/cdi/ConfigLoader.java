package io.socketeer.cdi;

import io.socketeer.adapter.AdapterFactory;
import io.socketeer.api.SocketIoOptions;
import io.socketeer.engineio.EngineOptions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Reads the options, named as in the reference server with the prefix {@code socketeer.}:
 * {@code socketeer.pingInterval}, {@code socketeer.cors.origin}, ... Each is looked up, first found
 * wins, in MicroProfile Config (when the container has it: system properties and environment
 * included), then in system properties, then in the servlet context parameters (web.xml
 * {@code <context-param>}); otherwise the reference default applies.
 */
public final class ConfigLoader {
    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    /** The prefix of every option key. */
    public static final String PREFIX = "socketeer.";

    private final UnaryOperator<String> source;
    /**
     * The {@code socketeer.*} context parameters of this application, as the initializer saw them at
     * start-up: used when the server starts where no ServletContext is at hand (a bean injecting
     * {@code SocketIoServer} before the application's start event).
     */
    private static volatile java.util.Map<String, String> rememberedContextParameters = java.util.Map.of();

    private ConfigLoader(UnaryOperator<String> source) {
        this.source = source;
    }

    /** Keeps this application's {@code socketeer.*} context parameters for {@link #load}. */
    public static void rememberContextParameters(java.util.function.Function<String, String> params,
                                                 java.util.Collection<String> names) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String name : names) {
            String v = name.startsWith(PREFIX) ? params.apply(name) : null;
            if (v != null) {
                m.put(name, v);
            }
        }
        rememberedContextParameters = java.util.Map.copyOf(m);
    }

    /**
     * Options from MicroProfile Config, system properties and {@code contextParams} (when null, those
     * remembered at start-up).
     */
    public static SocketIoOptions load(UnaryOperator<String> contextParams) {
        return new ConfigLoader(chain(contextParams)).options();
    }

    /**
     * The adapter chosen by {@code socketeer.adapter}: {@code memory} (the default: this node only)
     * or {@code redis} ({@code socketeer.redis.uri}, {@code .key}, {@code .requestsTimeout},
     * {@code .sharded}, {@code .subscriptionMode}; Lettuce and msgpack-core must be in the application)
     * or {@code redis-streams} (the same connection options plus {@code .streamName}, {@code .maxLen},
     * {@code .readCount}, {@code .sessionKeyPrefix}: npm @socket.io/redis-streams-adapter's protocol,
     * with connection state recovery across nodes). A Redis adapter is {@link AutoCloseable}.
     */
    public static AdapterFactory adapter(UnaryOperator<String> contextParams) {
        return new ConfigLoader(chain(contextParams)).adapter();
    }

    private static UnaryOperator<String> chain(UnaryOperator<String> contextParams) {
        UnaryOperator<String> params = contextParams != null ? contextParams : rememberedContextParameters::get;
        UnaryOperator<String> mp = MicroProfile.source();
        return key -> {
            String v = mp == null ? null : mp.apply(key);
            if (v == null) {
                v = System.getProperty(key);
            }
            if (v == null) {
                v = params.apply(key);
            }
            return v == null || v.isBlank() ? null : v.trim();
        };
    }

    /**
     * {@code socketeer.perMessageDeflate}: whether WebSocket connections may use the
     * {@code permessage-deflate} extension a client offers (false, as the reference server).
     */
    public static boolean perMessageDeflate(UnaryOperator<String> contextParams) {
        return new ConfigLoader(chain(contextParams)).bool("perMessageDeflate", false);
    }

    /**
     * Where an operations endpoint is served: {@code socketeer.<name>=true} turns it on, at
     * {@code socketeer.<name>.path} (else {@code defaultPath}); null when it is off.
     */
    public static String endpointPath(UnaryOperator<String> contextParams, String name, String defaultPath) {
        ConfigLoader c = new ConfigLoader(chain(contextParams));
        if (!c.bool(name, false)) {
            return null;
        }
        String path = c.get(name + ".path");
        return path == null ? defaultPath : path.startsWith("/") ? path : "/" + path;
    }

    /** The adapter from this source alone (tests). */
    public static AdapterFactory adapterFrom(UnaryOperator<String> source) {
        return new ConfigLoader(source).adapter();
    }

    private AdapterFactory adapter() {
        String kind = get("adapter");
        if (kind == null || kind.equals("memory")) {
            return AdapterFactory.IN_MEMORY;
        }
        if (!kind.equals("redis") && !kind.equals("redis-streams")) {
            throw new IllegalArgumentException("option " + PREFIX + "adapter is memory, redis or redis-streams, not "
                    + kind);
        }
        String uri = get("redis.uri");
        if (uri == null) {
            throw new IllegalArgumentException(PREFIX + "adapter=" + kind + " needs " + PREFIX + "redis.uri, e.g. "
                    + "redis://127.0.0.1:6379");
        }
        String key = get("redis.key");
        String mode = get("redis.subscriptionMode");
        return Redis.connect(uri, key == null ? "socket.io" : key, number("redis.requestsTimeout", 5000),
                bool("redis.sharded", false), mode == null ? "dynamic" : mode,
                kind.equals("redis-streams") ? streams() : null);
    }

    /**
     * {@code socketeer.adapter=redis-streams}: {@code socketeer.redis.streamName} (socket.io),
     * {@code .maxLen} (10000), {@code .readCount} (100), {@code .sessionKeyPrefix} (sio:session:), the
     * names and defaults of npm @socket.io/redis-streams-adapter. Built from plain values here so that
     * RedisOptions (and Lettuce) load only in {@link Redis#connect}.
     */
    private String[] streams() {
        String name = get("redis.streamName");
        String prefix = get("redis.sessionKeyPrefix");
        return new String[] {name == null ? "socket.io" : name, Long.toString(number("redis.maxLen", 10_000)),
                Long.toString(number("redis.readCount", 100)), prefix == null ? "sio:session:" : prefix};
    }

    /** Options from this source alone (tests). */
    public static SocketIoOptions from(UnaryOperator<String> source) {
        return new ConfigLoader(source).options();
    }

    private SocketIoOptions options() {
        EngineOptions.Builder e = EngineOptions.builder();
        String path = get("path");
        if (path != null) {
            e.path(path);
        }
        e.pingInterval(number("pingInterval", 25_000));
        e.pingTimeout(number("pingTimeout", 20_000));
        e.upgradeTimeout(number("upgradeTimeout", 10_000));
        e.maxHttpBufferSize(number("maxHttpBufferSize", 1_000_000));
        e.maxWriteBufferSize(number("maxWriteBufferSize", 10_000_000));
        String transports = get("transports");
        if (transports != null) {
            e.transports(list(transports));
        }
        e.allowUpgrades(bool("allowUpgrades", true));
        String origin = get("cors.origin");
        if (origin != null) {
            e.corsOrigins(List.copyOf(list(origin)));
        }
        e.corsCredentials(bool("cors.credentials", false));
        e.allowEIO3(bool("allowEIO3", false));
        Set<String> namespaces = list(get("namespaces"));
        return new SocketIoOptions(e.build(), number("connectTimeout", 45_000), namespaces,
                (int) number("maxAttachments", 1000), bool("cleanupEmptyChildNamespaces", false),
                connectionStateRecovery());
    }

    /**
     * {@code socketeer.connectionStateRecovery=true} turns it on, with
     * {@code socketeer.connectionStateRecovery.maxDisconnectionDuration} (120000 ms) and
     * {@code .skipMiddlewares} (true); null when it is off.
     */
    private io.socketeer.api.ConnectionStateRecovery connectionStateRecovery() {
        long max = number("connectionStateRecovery.maxDisconnectionDuration", 120_000);
        boolean skip = bool("connectionStateRecovery.skipMiddlewares", true);
        if (!bool("connectionStateRecovery", false)) {
            return null;
        }
        if (max < 0) {
            throw new IllegalArgumentException("option " + PREFIX
                    + "connectionStateRecovery.maxDisconnectionDuration must be zero or more: " + max);
        }
        return new io.socketeer.api.ConnectionStateRecovery(java.time.Duration.ofMillis(max), skip);
    }

    /**
     * The Socket.IO Admin UI's options when {@code socketeer.adminUi=true}, else null:
     * {@code socketeer.adminUi.namespace} (/admin), {@code .username} and {@code .password} (a bcrypt
     * hash; neither: no authentication), {@code .mode} (development or production),
     * {@code .readonly} (false), {@code .serverId} (the host name): the names and defaults of npm
     * {@code @socket.io/admin-ui}'s {@code instrument(io, options)}.
     */
    public static io.socketeer.admin.AdminUiOptions adminUi(UnaryOperator<String> contextParams) {
        return adminUiFrom(chain(contextParams));
    }

    /** The Admin UI's options from this source alone (tests); null when it is off. */
    public static io.socketeer.admin.AdminUiOptions adminUiFrom(UnaryOperator<String> source) {
        ConfigLoader c = new ConfigLoader(source);
        if (!c.bool("adminUi", false)) {
            return null;
        }
        String nsp = c.get("adminUi.namespace");
        try {
            return new io.socketeer.admin.AdminUiOptions(nsp == null ? "/admin" : nsp, c.get("adminUi.username"),
                    c.get("adminUi.password"), c.get("adminUi.mode"), c.bool("adminUi.readonly", false),
                    c.get("adminUi.serverId"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + PREFIX + "adminUi: " + e.getMessage(), e);
        }
    }

    private String get(String name) {
        return source.apply(PREFIX + name);
    }

    private long number(String name, long def) {
        String v = get(name);
        if (v == null) {
            return def;
        }
        try {
            return (long) Double.parseDouble(v); // accepts 1e6, as JavaScript options do
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("option " + PREFIX + name + " is not a number: " + v);
        }
    }

    private boolean bool(String name, boolean def) {
        String v = get(name);
        return v == null ? def : Boolean.parseBoolean(v);
    }

    private static Set<String> list(String v) {
        if (v == null) {
            return Set.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The Redis adapter, whose classes (and Lettuce's) are loaded only when it is chosen. */
    private static final class Redis {
        static AdapterFactory connect(String uri, String key, long requestsTimeout, boolean sharded, String mode,
                                      String[] streams) {
            try {
                Class.forName("io.lettuce.core.RedisClient", false, ConfigLoader.class.getClassLoader());
                Class.forName("org.msgpack.core.MessagePack", false, ConfigLoader.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(PREFIX + "adapter=" + (streams == null ? "redis" : "redis-streams")
                        + " needs io.lettuce:lettuce-core (with its "
                        + "Netty and Reactor jars) and org.msgpack:msgpack-core in the application: " + e, e);
            }
            var streamOptions = streams == null ? null : new io.socketeer.adapter.redis.RedisOptions.Streams(
                    streams[0], Long.parseLong(streams[1]), (int) Long.parseLong(streams[2]), streams[3]);
            return new io.socketeer.adapter.redis.RedisCluster(new io.socketeer.adapter.redis.RedisOptions(
                    uri, key, java.time.Duration.ofMillis(requestsTimeout), sharded, mode, streamOptions));
        }
    }

    /** MicroProfile Config, touched only when its API is on the class path. */
    /** Whether this class can be loaded here (an optional API: MicroProfile's, Lettuce's). */
    static boolean present(String className) {
        try {
            Class.forName(className, false, ConfigLoader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class MicroProfile {
        static UnaryOperator<String> source() {
            if (!present("org.eclipse.microprofile.config.ConfigProvider")) {
                return null;
            }
            try {
                return MicroProfileSource.create();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "MicroProfile Config present but unusable", e);
                return null;
            }
        }
    }
}
