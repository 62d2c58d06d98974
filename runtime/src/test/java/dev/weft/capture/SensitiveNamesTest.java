package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "PASSWORD",
        "passwd",
        "pwd",
        "userPassword",
        "secret",
        "clientSecret",
        "client_secret",
        "token",
        "accessToken",
        "refresh-token",
        "apiKey",
        "api_key",
        "API-KEY",
        "x.api.key",
        "accessKey",
        "aws_access_key",
        "privateKey",
        "Authorization",
        "auth",
        "oauth",
        "credential",
        "credentials",
        "dbCredentials",
        "cookie",
        "sessionCookie",
        "sessionId",
        "session_id",
        "password_"
      })
  void isSensitive_secretNames_areSensitive(String name) {
    assertThat(SensitiveNames.isSensitive(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "maxTokens",
        "input_tokens",
        "output_tokens",
        "author",
        "tokenizer",
        "authority",
        "secretary",
        "passwordHint",
        "keyboard",
        "apiKeys",
        "name",
        "query",
        "id",
        "pw",
        "",
        "cookies",
        "tokenCount",
        "sessionIdentifier"
      })
  void isSensitive_ordinaryNames_areNotSensitive(String name) {
    assertThat(SensitiveNames.isSensitive(name)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void isSensitive_null_isNotSensitive() {
    assertThat(SensitiveNames.isSensitive(null)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void isSensitive_lowerCasesBeyondAscii_asCharacterToLowerCaseDoes() {
    // U+212A KELVIN SIGN lower-cases to 'k', so this is "token" and "apikey".
    assertThat(SensitiveNames.isSensitive("to\u212Aen")).isTrue();
    assertThat(SensitiveNames.isSensitive("api\u212A\u0395Y")).isFalse();
    assertThat(SensitiveNames.isSensitive("api\u212AEY")).isTrue();
    assertThat(SensitiveNames.isSensitive("\u00E9t\u00E9")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void isSensitive_onlySeparators_isNotSensitive() {
    assertThat(SensitiveNames.isSensitive("_.-")).isFalse();
  }
}
