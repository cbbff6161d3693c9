package tsunami.bench;

import java.time.Duration;

import tsunami.net.NetSecurity;

/** One measurement of each workload of {@code monkey bench net}, for one side: our nodes and devices, or bare JeroMQ. */
interface NetBench {
    /** 100-byte messages one way for {@code run}: messages per second received. */
    double throughput(NetSecurity security, Duration run) throws Exception;

    /** Request and echo for {@code run}: median round trip in microseconds. */
    double roundTrip(NetSecurity security, Duration run) throws Exception;

    /** One publisher, four subscribers through a broadcast device: messages per second to each subscriber. */
    double forwarder(NetSecurity security, Duration run) throws Exception;

    /** One feeder, one worker through a task pipeline device: messages per second. */
    double streamer(NetSecurity security, Duration run) throws Exception;
}
