#pragma once

// The pieces of <linux/kvm.h> that Swift cannot import by itself: ioctl request numbers
// (function-like macros), ioctl calls without C varargs, and an atomic store into kvm_run.
// Plain integer macros (KVM_EXIT_*, KVM_MEM_READONLY, …) and the structs import directly.

#include <linux/kvm.h>
#include <sys/ioctl.h>

static const unsigned long CKVM_GET_API_VERSION = KVM_GET_API_VERSION;
static const unsigned long CKVM_CREATE_VM = KVM_CREATE_VM;
static const unsigned long CKVM_GET_VCPU_MMAP_SIZE = KVM_GET_VCPU_MMAP_SIZE;
static const unsigned long CKVM_GET_SUPPORTED_CPUID = KVM_GET_SUPPORTED_CPUID;
static const unsigned long CKVM_CHECK_EXTENSION = KVM_CHECK_EXTENSION;

static const unsigned long CKVM_CREATE_VCPU = KVM_CREATE_VCPU;
static const unsigned long CKVM_SET_USER_MEMORY_REGION = KVM_SET_USER_MEMORY_REGION;
static const unsigned long CKVM_SET_TSS_ADDR = KVM_SET_TSS_ADDR;
static const unsigned long CKVM_SET_IDENTITY_MAP_ADDR = KVM_SET_IDENTITY_MAP_ADDR;

static const unsigned long CKVM_RUN = KVM_RUN;
static const unsigned long CKVM_GET_REGS = KVM_GET_REGS;
static const unsigned long CKVM_SET_REGS = KVM_SET_REGS;
static const unsigned long CKVM_GET_SREGS = KVM_GET_SREGS;
static const unsigned long CKVM_SET_SREGS = KVM_SET_SREGS;
static const unsigned long CKVM_GET_MSRS = KVM_GET_MSRS;
static const unsigned long CKVM_SET_MSRS = KVM_SET_MSRS;
static const unsigned long CKVM_GET_XSAVE = KVM_GET_XSAVE;
static const unsigned long CKVM_GET_XSAVE2 = KVM_GET_XSAVE2;
static const unsigned long CKVM_SET_XSAVE = KVM_SET_XSAVE;
static const unsigned long CKVM_GET_DEBUGREGS = KVM_GET_DEBUGREGS;
static const unsigned long CKVM_SET_DEBUGREGS = KVM_SET_DEBUGREGS;
static const unsigned long CKVM_GET_VCPU_EVENTS = KVM_GET_VCPU_EVENTS;
static const unsigned long CKVM_SET_VCPU_EVENTS = KVM_SET_VCPU_EVENTS;
static const unsigned long CKVM_SET_CPUID2 = KVM_SET_CPUID2;

/// ioctl with a pointer argument.
static inline int ckvm_ioctl_pointer(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}

/// ioctl with an integer argument.
static inline int ckvm_ioctl_value(int fd, unsigned long request, unsigned long argument) {
    return ioctl(fd, request, argument);
}

/// Sets kvm_run.immediate_exit from any thread; a KVM_RUN entered afterwards returns EINTR at once.
static inline void ckvm_store_immediate_exit(struct kvm_run *run, unsigned char value) {
    __atomic_store_n(&run->immediate_exit, value, __ATOMIC_SEQ_CST);
}

#include <cpuid.h>

/// Executes CPUID on the host processor (for the leaves KVM does not fill, such as the brand string).
static inline void ckvm_host_cpuid(unsigned int leaf, unsigned int *eax, unsigned int *ebx, unsigned int *ecx, unsigned int *edx) {
    __cpuid(leaf, *eax, *ebx, *ecx, *edx);
}
