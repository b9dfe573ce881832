package io.meterkit.query;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashSet;
import java.util.Set;

/**
 * The module rules, checked on the compiled main classes of core, store and query: dependencies
 * point down, nothing outside the store touches its internals (query and the adapters read it
 * through its API and its read SPI only), fastutil never shows in a public signature, and Jackson
 * shows in none outside the adapters' internal package.
 */
@AnalyzeClasses(packages = "io.meterkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("io.meterkit.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.meterkit.store..", "io.meterkit.query..", "io.meterkit.api..", "it.unimi.dsi..");

  @ArchTest
  static final ArchRule storeDependsOnlyOnCore =
      noClasses()
          .that()
          .resideInAPackage("io.meterkit.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.meterkit.query..", "io.meterkit.api..", "com.fasterxml..");

  @ArchTest
  static final ArchRule queryEngineDoesNotKnowTheAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.meterkit.query..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.meterkit.api..", "com.fasterxml..");

  @ArchTest
  static final ArchRule nothingOutsideTheStoreTouchesItsInternals =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.meterkit.store..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.meterkit.store.internal..");

  @ArchTest
  static final ArchRule queryAndAdaptersUseOnlyTheStoreApiAndItsReadSpi =
      noClasses()
          .that()
          .resideInAnyPackage("io.meterkit.query..", "io.meterkit.api..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.meterkit.store..")
                  .and(not(resideInAnyPackage("io.meterkit.store", "io.meterkit.store.spi"))))
          .as("query and the API adapters use only io.meterkit.store and io.meterkit.store.spi");

  /**
   * The servlet API is {@code provided}: a host without a servlet container must be able to use
   * everything else, so only the servlet binding may touch it, and the binding only sees the API's
   * public types, like any other host.
   */
  @ArchTest
  static final ArchRule onlyTheServletBindingUsesTheServletApi =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.meterkit.api.servlet..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("jakarta.servlet..");

  @ArchTest
  static final ArchRule theServletBindingUsesOnlyThePublicApi =
      noClasses()
          .that()
          .resideInAPackage("io.meterkit.api.servlet..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.meterkit.api.internal..", "io.meterkit.query..", "com.fasterxml..");

  @ArchTest
  static final ArchRule publicSignaturesDoNotExposeFastutil =
      ArchRuleDefinition.classes()
          .that()
          .arePublic()
          .and()
          .resideInAPackage("io.meterkit..")
          .should(notExposeFastutilPublicly());

  private static ArchCondition<JavaClass> notExposeFastutilPublicly() {
    return new ArchCondition<>("not expose fastutil types in public signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
            continue;
          }
          boolean leaks =
              isFastutil(member.getRawReturnType())
                  || member.getRawParameterTypes().stream().anyMatch(ArchitectureTest::isFastutil);
          if (leaks) {
            events.add(
                SimpleConditionEvent.violated(member, member.getFullName() + " exposes fastutil"));
          }
        }
        for (JavaField field : type.getFields()) {
          if (field.getModifiers().contains(JavaModifier.PUBLIC)
              && isFastutil(field.getRawType())) {
            events.add(
                SimpleConditionEvent.violated(field, field.getFullName() + " exposes fastutil"));
          }
        }
      }
    };
  }

  /**
   * Jackson is an implementation detail of the REST adapters: no public or protected method,
   * constructor or field of a public type shows a {@code com.fasterxml} type, not even as a type
   * argument. The adapters' shared helpers in {@code io.meterkit.api.internal} are exempt: they are
   * public only so that the family packages can share them, and nothing outside the API layer may
   * use them.
   */
  @ArchTest
  static final ArchRule jacksonNeverShowsInAPublicSignature =
      ArchRuleDefinition.classes()
          .that()
          .arePublic()
          .and()
          .resideInAPackage("io.meterkit..")
          .and()
          .resideOutsideOfPackage("..internal..")
          .should(notExposePublicly("com.fasterxml"));

  private static ArchCondition<JavaClass> notExposePublicly(String packagePrefix) {
    return new ArchCondition<>("not expose " + packagePrefix + " types in public signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!isVisible(member.getModifiers())) {
            continue;
          }
          Set<JavaClass> involved = new HashSet<>(member.getReturnType().getAllInvolvedRawTypes());
          member
              .getParameterTypes()
              .forEach(parameter -> involved.addAll(parameter.getAllInvolvedRawTypes()));
          report(events, member, member.getFullName(), involved);
        }
        for (JavaField field : type.getFields()) {
          if (isVisible(field.getModifiers())) {
            report(events, field, field.getFullName(), field.getType().getAllInvolvedRawTypes());
          }
        }
      }

      private void report(
          ConditionEvents events, Object member, String name, Set<JavaClass> involved) {
        for (JavaClass used : involved) {
          if (used.getPackageName().startsWith(packagePrefix)) {
            events.add(SimpleConditionEvent.violated(member, name + " exposes " + used.getName()));
          }
        }
      }
    };
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isFastutil(JavaClass type) {
    return type.getPackageName().startsWith("it.unimi.dsi");
  }
}
