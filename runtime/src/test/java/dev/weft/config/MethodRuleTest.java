package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodRuleTest {

  @Test
  void parse_fullRule_readsTypeMethodsAndSpanType() {
    assertThat(MethodRule.parse("com.acme.Planner[plan, act]@agent"))
        .isEqualTo(new MethodRule("com.acme.Planner", List.of("plan", "act"), "agent"));
  }

  @Test
  void parse_withoutBrackets_meansAllMethods() {
    MethodRule rule = MethodRule.parse("com.acme.Util");
    assertThat(rule.methods()).containsExactly("*");
    assertThat(rule.allMethods()).isTrue();
    assertThat(rule.includes("anything")).isTrue();
  }

  @Test
  void parse_withoutType_isCustom() {
    assertThat(MethodRule.parse("com.acme.Util[load]").spanType()).isEqualTo("custom");
  }

  @Test
  void parse_tool_isNormalisedToFunction() {
    assertThat(MethodRule.parse("com.acme.Tools[*]@tool").spanType()).isEqualTo("function");
    assertThat(MethodRule.parse("com.acme.Tools[*]@TOOL").spanType()).isEqualTo("function");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "agent", "function", "generation", "response", "guardrail", "handoff", "custom",
        "mcp_tools", "task", "turn", "transcription", "speech", "speech_group", "workflow"
      })
  void parse_everyAcceptedSpanType_isKept(String type) {
    assertThat(MethodRule.parse("a.B[c]@" + type).spanType()).isEqualTo(type);
  }

  @Test
  void parse_nestedTypeAndStarAmongNames_keepBinaryNameAndCollapseToStar() {
    MethodRule rule = MethodRule.parse("a.B$Inner[x,*]");
    assertThat(rule.typeName()).isEqualTo("a.B$Inner");
    assertThat(rule.methods()).containsExactly("*");
  }

  @Test
  void includes_namedMethodsOnly() {
    MethodRule rule = MethodRule.parse("a.B[x,y]");
    assertThat(rule.includes("x")).isTrue();
    assertThat(rule.includes("z")).isFalse();
    assertThat(rule.allMethods()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.B[x",
        "a.B[]",
        "a.B[x,]",
        "a..B[x]",
        "1a.B",
        "a.B[x-y]",
        "a.B@nope",
        "[x]@agent",
        "a.B[x]@"
      })
  void parse_malformed_throws(String text) {
    assertThatThrownBy(() -> MethodRule.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_copiesMethodList() {
    List<String> methods = new ArrayList<>(List.of("x"));
    MethodRule rule = new MethodRule("a.B", methods, "agent");
    methods.add("y");
    assertThat(rule.methods()).containsExactly("x");
  }

  @Test
  void parseAll_keepsGoodEntriesAndReportsBadOnes() {
    List<String> bad = new ArrayList<>();
    List<MethodRule> rules =
        MethodRule.parseAll(
            "com.acme.Planner[plan,act]@agent;broken[;com.acme.Tools[*]@tool, com.acme.Util[load]",
            bad::add);
    assertThat(rules)
        .extracting(MethodRule::typeName)
        .containsExactly("com.acme.Planner", "com.acme.Tools", "com.acme.Util");
    assertThat(bad).containsExactly("broken[");
  }

  @Test
  void parseAll_commaInsideBrackets_doesNotSplit() {
    List<MethodRule> rules = MethodRule.parseAll("a.B[x,y]@tool,c.D", e -> {});
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).methods()).containsExactly("x", "y");
  }
}
