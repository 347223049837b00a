package io.parley.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What springdoc says about the API at {@code /v3/api-docs} beyond what it reads from the controllers. */
@Configuration(proxyBeanMethods = false)
class AdminApiDescription {

	private static final String BASIC = "basic";

	@Bean
	OpenAPI parleyAdminApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Parley admin API")
				.version(properties != null ? properties.getVersion() : "dev")
				.description("Users, login lockouts, rooms and announcements; every call needs an ADMIN account over HTTP Basic. "
						+ "Errors are application/problem+json with Parley's error code in `code`. "
						+ "Lists come a page at a time: `next` is the path of the page after, null on the last."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
