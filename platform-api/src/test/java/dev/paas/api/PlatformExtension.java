package dev.paas.api;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives tests the run's {@link TestPlatform} and an {@link Api} client, and empties the database before each test. */
public final class PlatformExtension implements BeforeEachCallback, ParameterResolver {

    @Override
    public void beforeEach(ExtensionContext context) {
        TestPlatform.get(context).clean();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        var type = parameter.getParameter().getType();
        return type == TestPlatform.class || type == Api.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var platform = TestPlatform.get(context);
        return parameter.getParameter().getType() == Api.class ? new Api(platform.baseUrl(), platform::builderToken) : platform;
    }
}
