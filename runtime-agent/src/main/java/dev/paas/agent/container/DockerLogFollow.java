package dev.paas.agent.container;

/** Splits Docker's frames into lines; with timestamps on, each line starts with its RFC 3339 time. */
final class DockerLogFollow extends com.github.dockerjava.api.async.ResultCallback.Adapter<
        com.github.dockerjava.api.model.Frame> implements ContainerRuntime.LogFollow {
    private final java.util.function.BiConsumer<java.time.Instant, String> onLine;
    private final java.util.Map<com.github.dockerjava.api.model.StreamType, StringBuilder> partial =
            new java.util.EnumMap<>(com.github.dockerjava.api.model.StreamType.class);
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    DockerLogFollow(java.util.function.BiConsumer<java.time.Instant, String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void onNext(com.github.dockerjava.api.model.Frame frame) {
        var buffer = partial.computeIfAbsent(frame.getStreamType(), k -> new StringBuilder());
        buffer.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
        int newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
            emit(buffer.substring(0, newline));
            buffer.delete(0, newline + 1);
        }
    }

    private void emit(String raw) {
        int space = raw.indexOf(' ');
        try {
            onLine.accept(java.time.Instant.parse(raw.substring(0, space)), raw.substring(space + 1));
        } catch (RuntimeException noTimestamp) {
            onLine.accept(java.time.Instant.now(), raw);
        }
    }

    @Override
    public void onComplete() {
        partial.values().stream().filter(b -> !b.isEmpty()).forEach(b -> emit(b.toString()));
        partial.clear();
        ended.countDown();
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        ended.countDown();
    }

    @Override
    public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            super.close();
        } catch (java.io.IOException e) {
            ended.countDown();
        }
        ended.countDown();
    }
}
