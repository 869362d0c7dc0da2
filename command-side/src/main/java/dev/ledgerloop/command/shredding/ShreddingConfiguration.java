package dev.ledgerloop.command.shredding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShreddingProperties.class)
class ShreddingConfiguration {}
