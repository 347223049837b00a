package io.parley.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

/**
 * One headless Chromium per test class ({@code @ExtendWith(Chromium.class)}), given to tests and lifecycle
 * methods that take a {@link Browser}, closed after the class. Skips (loudly) or fails as {@link Browsers} says
 * when there is no Chromium.
 */
public final class Chromium implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	/** Playwright and its browser, closed with the test class's store. */
	private record Running(Playwright playwright, Browser browser) implements AutoCloseable {

		@Override
		public void close() {
			this.playwright.close();
		}

	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Browsers.chromium();
		context.getStore(NAMESPACE).computeIfAbsent(Running.class, key -> {
			Playwright playwright = Browsers.playwright();
			return new Running(playwright, Browsers.launch(playwright));
		}, Running.class);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Browser.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).get(Running.class, Running.class).browser();
	}

}
