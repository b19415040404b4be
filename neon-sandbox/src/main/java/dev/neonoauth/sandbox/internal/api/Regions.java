package dev.neonoauth.sandbox.internal.api;

import java.util.List;

/** The regions the sandbox accepts for {@code region_id} (Neon's public list). */
final class Regions {

    static final String DEFAULT = "aws-us-east-2";
    static final List<String> ALL = List.of("aws-us-east-1", "aws-us-east-2", "aws-us-west-2", "aws-eu-central-1",
            "aws-eu-west-2", "aws-ap-southeast-1", "aws-ap-southeast-2", "aws-sa-east-1", "azure-eastus2",
            "azure-westus3", "azure-gwc");

    private Regions() {
    }

    static boolean isKnown(String regionId) {
        return ALL.contains(regionId);
    }

    static String platform(String regionId) {
        return regionId.substring(0, regionId.indexOf('-'));
    }

    /** {@code aws-us-east-2} becomes {@code us-east-2.aws.neon.tech}. */
    static String proxyHost(String regionId) {
        int dash = regionId.indexOf('-');
        return regionId.substring(dash + 1) + "." + regionId.substring(0, dash) + ".neon.tech";
    }
}
