package dev.neonoauth.core.domain;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The project's one Immutables style (docs/adr/0007-records-and-immutables.md): generated classes are
 * package-private and hidden behind the abstract type, use only {@code java.*}, and have no copy
 * methods unless a type asks for them. Source retention keeps Immutables off the run-time classpath.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        allowedClasspathAnnotations = {Override.class},
        get = {"get*", "is*"},
        defaults = @Value.Immutable(copy = false))
@interface ValueStyle {}
