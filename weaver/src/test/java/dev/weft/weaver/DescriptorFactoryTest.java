package dev.weft.weaver;

import static dev.weft.weaver.Fixtures.method;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DescriptorFactoryTest {

  @AfterEach
  void resetConfiguration() {
    TracingSetup.configure("");
  }

  @Test
  void create_readsNamesSensitiveParametersAndAttributes() {
    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "lookup"), null);

    assertThat(d.spanType()).isEqualTo("function");
    assertThat(d.name()).isEqualTo("lookup");
    assertThat(d.parameterNames()).containsExactly("orderId", "secret", "apiKey");
    // @Sensitive, or named like a secret: worked out once per method, not per call.
    assertThat(d.sensitive).containsExactly(false, true, true);
    assertThat(d.attributeKeys).containsExactly("order.id", null, null);
    assertThat(d.captureArguments()).isTrue();
  }

  @Test
  void create_forAnAgent_defaultsNameToolsAndOutputType() {
    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "run"), null);

    assertThat(d.spanType()).isEqualTo("agent");
    assertThat(d.name()).isEqualTo("Agent");
    assertThat(d.tools).containsExactly("lookup", "notify", "token");
    assertThat(d.outputType).isEqualTo("Reply");
  }

  @Test
  void create_forASensitiveMethod_marksTheResultSensitive() {
    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "token"), null);

    assertThat(d.sensitiveResult).isTrue();
    assertThat(d.captureArguments()).isFalse();
  }

  @Test
  void create_forAnImplementation_usesTheInterfaceAnnotations() {
    MethodDescriptor d =
        DescriptorFactory.create(method(Fixtures.LoudGreeter.class, "greet"), null);

    assertThat(d.spanType()).isEqualTo("function");
    assertThat(d.name()).isEqualTo("greet");
    assertThat(d.sensitive).containsExactly(true);
  }

  @Test
  void create_forAnImplementationOfAGenericInterface_findsTheAnnotation() {
    MethodDescriptor d =
        DescriptorFactory.create(method(Fixtures.TextHandler.class, "handle"), null);

    assertThat(d.spanType()).isEqualTo("custom");
    assertThat(d.name()).isEqualTo("handle");
  }

  @Test
  void create_forAWorkflow_findsGroupIdAndTraceMetadataParameters() {
    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "flow"), null);

    assertThat(d.spanType()).isEqualTo("workflow");
    assertThat(d.workflowGroupId).isEqualTo("default-group");
    assertThat(d.groupIdIndex).isZero();
    assertThat(d.traceMetadataKeys).containsExactly(null, "user");
  }

  @Test
  void create_forAMethodNamedByARule_takesTheRuleSpanType() {
    TracingSetup.configure("methods=dev.weft.weaver.Fixtures$Agent[plain]@agent");

    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "plain"), null);

    assertThat(d.spanType()).isEqualTo("agent");
    assertThat(d.name()).isEqualTo("Agent");
  }

  @Test
  void create_withoutAnnotationOrRule_isACustomSpanNamedAfterTheMethod() {
    MethodDescriptor d = DescriptorFactory.create(method(Fixtures.Agent.class, "plain"), null);

    assertThat(d.spanType()).isEqualTo("custom");
    assertThat(d.name()).isEqualTo("plain");
  }

  @Test
  void create_withoutCompiledNames_usesKnownNamesThenArgN() throws Exception {
    java.lang.reflect.Method m =
        String.class.getMethod("regionMatches", int.class, String.class, int.class, int.class);

    MethodDescriptor d = DescriptorFactory.create(m, new String[] {"offset", null});

    assertThat(d.parameterNames()).containsExactly("offset", "arg1", "arg2", "arg3");
  }

  @Test
  void needsArguments_isFalseWithoutSensitiveDataUnlessAGroupIdIsRead() {
    MethodDescriptor tool = DescriptorFactory.create(method(Fixtures.Agent.class, "lookup"), null);
    MethodDescriptor flow = DescriptorFactory.create(method(Fixtures.Agent.class, "flow"), null);
    MethodDescriptor agent = DescriptorFactory.create(method(Fixtures.Agent.class, "run"), null);

    assertThat(tool.needsArguments(true)).isTrue();
    assertThat(tool.needsArguments(false)).isFalse();
    assertThat(flow.needsArguments(false)).isTrue();
    assertThat(agent.needsArguments(true)).isFalse();
  }
}
