package dev.weft.weaver.aspectj;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aspectj.lang.annotation.Around;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class WeftAspectTest {
  private static final Set<String> SPAN_ANNOTATIONS =
      Set.of(
          "Workflow",
          "AgentSpan",
          "ToolSpan",
          "GenerationSpan",
          "ResponseSpan",
          "GuardrailSpan",
          "HandoffSpan",
          "CustomSpan",
          "McpListToolsSpan",
          "TaskSpan",
          "TurnSpan",
          "TranscriptionSpan",
          "SpeechSpan",
          "SpeechGroupSpan");

  @Test
  void aspects_haveOneAroundAdvicePerSpanAnnotationPlusTheInheritedOne() {
    Set<String> direct = new TreeSet<>();
    List<String> others = new ArrayList<>();
    List<Method> advice = new ArrayList<>(List.of(WeftAspect.class.getDeclaredMethods()));
    advice.addAll(List.of(WeftInheritedAspect.class.getDeclaredMethods()));
    for (Method method : advice) {
      Around around = method.getAnnotation(Around.class);
      if (around == null) {
        continue;
      }
      String pointcut = around.value();
      if (pointcut.startsWith("execution(@dev.weft.annotations.")) {
        direct.add(pointcut.substring(32, pointcut.indexOf(' ')));
      } else {
        others.add(pointcut);
      }
    }
    assertThat(direct).isEqualTo(new TreeSet<>(SPAN_ANNOTATIONS));
    assertThat(others).containsExactly("inheritsSpanAnnotation(site)");
  }

  @Test
  void aspects_areFinishedByAjcSoAspectLibrariesCanUseThem() throws Exception {
    assertThat(WeftAspect.class.getMethod("aspectOf").invoke(null)).isInstanceOf(WeftAspect.class);
    assertThat(WeftInheritedAspect.class.getMethod("aspectOf").invoke(null))
        .isInstanceOf(WeftInheritedAspect.class);
    assertThat(WeftContextAspect.class.getMethod("aspectOf").invoke(null))
        .isInstanceOf(WeftContextAspect.class);
  }

  @Test
  void aopXml_declaresTheAspectsQuietlyAndKeepsWeftItselfUnwoven() throws Exception {
    Document xml;
    try (InputStream in = WeftAspect.class.getResourceAsStream("/META-INF/aop.xml")) {
      assertThat(in).isNotNull();
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      xml = factory.newDocumentBuilder().parse(in);
    }
    List<String> aspects = new ArrayList<>();
    NodeList declared = xml.getElementsByTagName("aspect");
    for (int i = 0; i < declared.getLength(); i++) {
      aspects.add(((Element) declared.item(i)).getAttribute("name"));
    }
    assertThat(aspects)
        .containsExactly(
            WeftAspect.class.getName(),
            WeftInheritedAspect.class.getName(),
            WeftContextAspect.class.getName());
    Element weaver = (Element) xml.getElementsByTagName("weaver").item(0);
    assertThat(weaver.getAttribute("options")).contains("-warn:none", "-Xlint:ignore");
    List<String> excluded = new ArrayList<>();
    NodeList excludes = xml.getElementsByTagName("exclude");
    for (int i = 0; i < excludes.getLength(); i++) {
      excluded.add(((Element) excludes.item(i)).getAttribute("within"));
    }
    assertThat(excluded).contains("dev.weft.*", "dev.weft.weaver..*", "dev.weft.internal..*");
    assertThat(xml.getElementsByTagName("include").getLength()).isZero();
  }
}
