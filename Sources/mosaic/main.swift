import ArgumentParser
import ServiceLifecycle
print("x")
