package io.github.correlation;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules: runtime packages (one per boundary) depend on the root package
 * only, never on each other or on the auto-configuration that decides when to create
 * them.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.correlation");

	@Test
	void runtimePackagesDoNotDependOnAutoConfiguration() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("io.github.correlation.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.correlation.autoconfigure..");
		rule.check(classes);
	}

	@Test
	void runtimePackagesDoNotDependOnEachOther() {
		slices().matching("io.github.correlation.(*)..")
			.namingSlices("$1")
			.should()
			.notDependOnEachOther()
			.check(classes.that(JavaClass.Predicates.resideOutsideOfPackage("io.github.correlation.autoconfigure..")));
	}

	@Test
	void theRootPackageDependsOnNoBoundary() {
		noClasses().that()
			.resideInAPackage("io.github.correlation")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.correlation.*..")
			.check(classes);
	}

	@Test
	void thereAreNoCycles() {
		slices().matching("io.github.correlation.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void autoConfigurationsArePublicFinalAndLiveInTheAutoconfigurePackage() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.andShould()
			.resideInAPackage("io.github.correlation.autoconfigure")
			.andShould()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.check(classes);
	}

}
