/**
 * @module sigma/pipeline/vigil-pipeline
 * The built-in processing pipeline as YAML data (kept in a module so the compiled CLI carries it):
 * Windows (Security, System, PowerShell, Sysmon categories and service channels), Linux auth and
 * syslog, web servers, firewalls, FortiGate, Cisco, Juniper, Huawei.
 */
export const VIGIL_PIPELINE_YAML = String.raw`# Vigil's built-in Sigma processing pipeline: which events a Sigma logsource means, and how
# Sigma's field names map to Vigil's. Format: docs/sigma.md. Rules whose logsource is missing
# here do not convert (the import report names it).
name: vigil
placeholders: {}
fields:
  - match: {product: windows}
    prefix: winlog.event_data.
    map:
      EventID: event.code
      Channel: winlog.channel
      Provider_Name: winlog.provider_name
      Computer: host.name
  - match: {product: linux}
    map:
      USER: user.name
      pam_user: user.name
      pam_rhost: source.ip
  - match: {category: webserver}
    map:
      cs-method: http.request.method
      c-uri: url.original
      cs-uri: url.original
      cs-uri-query: url.query
      c-uri-query: url.query
      cs-uri-stem: url.path
      c-uri-stem: url.path
      sc-status: http.response.status_code
      cs-user-agent: user_agent.original
      c-useragent: user_agent.original
      cs-referer: http.request.referrer
      cs-host: url.domain
      c-ip: source.ip
      cs-version: http.version
  - match: {category: firewall}
    map:
      src_ip: source.ip
      dst_ip: destination.ip
      src_port: source.port
      dst_port: destination.port
      action: event.action
      protocol: network.transport
  - match: {product: fortigate}
    prefix: fortinet.
    map:
      action: event.action
      srcip: source.ip
      dstip: destination.ip
      dstport: destination.port
      srcport: source.port
      user: user.name
logsources:
  - match: {product: windows, category: process_creation}
    query: '(event.dataset:windows.sysmon AND event.code:1) OR (event.dataset:windows.security AND event.code:4688)'
    fields:
      Image: process.executable
      CommandLine: process.command_line
      ParentImage: process.parent.executable
      ParentCommandLine: process.parent.command_line
      ProcessId: process.pid
      ParentProcessId: process.parent.pid
      CurrentDirectory: process.working_directory
      OriginalFileName: process.pe.original_file_name
  - match: {product: windows, category: file_change}
    query: 'event.dataset:windows.sysmon AND (event.code:2)'
  - match: {product: windows, category: network_connection}
    query: 'event.dataset:windows.sysmon AND (event.code:3)'
  - match: {product: windows, category: sysmon_status}
    query: 'event.dataset:windows.sysmon AND (event.code:4 OR event.code:16)'
  - match: {product: windows, category: process_termination}
    query: 'event.dataset:windows.sysmon AND (event.code:5)'
  - match: {product: windows, category: driver_load}
    query: 'event.dataset:windows.sysmon AND (event.code:6)'
  - match: {product: windows, category: image_load}
    query: 'event.dataset:windows.sysmon AND (event.code:7)'
  - match: {product: windows, category: create_remote_thread}
    query: 'event.dataset:windows.sysmon AND (event.code:8)'
  - match: {product: windows, category: raw_access_thread}
    query: 'event.dataset:windows.sysmon AND (event.code:9)'
  - match: {product: windows, category: process_access}
    query: 'event.dataset:windows.sysmon AND (event.code:10)'
  - match: {product: windows, category: file_event}
    query: 'event.dataset:windows.sysmon AND (event.code:11)'
  - match: {product: windows, category: registry_add}
    query: 'event.dataset:windows.sysmon AND (event.code:12)'
  - match: {product: windows, category: registry_delete}
    query: 'event.dataset:windows.sysmon AND (event.code:12)'
  - match: {product: windows, category: registry_set}
    query: 'event.dataset:windows.sysmon AND (event.code:13)'
  - match: {product: windows, category: registry_rename}
    query: 'event.dataset:windows.sysmon AND (event.code:14)'
  - match: {product: windows, category: registry_event}
    query: 'event.dataset:windows.sysmon AND (event.code:12 OR event.code:13 OR event.code:14)'
  - match: {product: windows, category: create_stream_hash}
    query: 'event.dataset:windows.sysmon AND (event.code:15)'
  - match: {product: windows, category: pipe_created}
    query: 'event.dataset:windows.sysmon AND (event.code:17 OR event.code:18)'
  - match: {product: windows, category: wmi_event}
    query: 'event.dataset:windows.sysmon AND (event.code:19 OR event.code:20 OR event.code:21)'
  - match: {product: windows, category: dns_query}
    query: 'event.dataset:windows.sysmon AND (event.code:22)'
  - match: {product: windows, category: file_delete}
    query: 'event.dataset:windows.sysmon AND (event.code:23 OR event.code:26)'
  - match: {product: windows, category: file_delete_detected}
    query: 'event.dataset:windows.sysmon AND (event.code:26)'
  - match: {product: windows, category: clipboard_capture}
    query: 'event.dataset:windows.sysmon AND (event.code:24)'
  - match: {product: windows, category: process_tampering}
    query: 'event.dataset:windows.sysmon AND (event.code:25)'
  - match: {product: windows, category: file_block_executable}
    query: 'event.dataset:windows.sysmon AND (event.code:27)'
  - match: {product: windows, category: file_block_shredding}
    query: 'event.dataset:windows.sysmon AND (event.code:28)'
  - match: {product: windows, category: file_executable_detected}
    query: 'event.dataset:windows.sysmon AND (event.code:29)'
  - match: {product: windows, category: sysmon_error}
    query: 'event.dataset:windows.sysmon AND (event.code:255)'
  - match: {product: windows, category: ps_module}
    query: 'winlog.channel:"Microsoft-Windows-PowerShell/Operational" AND event.code:4103'
  - match: {product: windows, category: ps_script}
    query: 'winlog.channel:"Microsoft-Windows-PowerShell/Operational" AND event.code:4104'
  - match: {product: windows, category: ps_classic_start}
    query: 'winlog.channel:"Windows PowerShell" AND event.code:400'
  - match: {product: windows, category: ps_classic_provider_start}
    query: 'winlog.channel:"Windows PowerShell" AND event.code:600'
  - match: {product: windows, category: ps_classic_script}
    query: 'winlog.channel:"Windows PowerShell" AND event.code:800'
  - match: {product: windows, service: security}
    query: 'winlog.channel:"Security"'
  - match: {product: windows, service: system}
    query: 'winlog.channel:"System"'
  - match: {product: windows, service: application}
    query: 'winlog.channel:"Application"'
  - match: {product: windows, service: sysmon}
    query: 'winlog.channel:"Microsoft-Windows-Sysmon/Operational"'
  - match: {product: windows, service: powershell}
    query: 'winlog.channel:"Microsoft-Windows-PowerShell/Operational"'
  - match: {product: windows, service: powershell-classic}
    query: 'winlog.channel:"Windows PowerShell"'
  - match: {product: windows, service: taskscheduler}
    query: 'winlog.channel:"Microsoft-Windows-TaskScheduler/Operational"'
  - match: {product: windows, service: wmi}
    query: 'winlog.channel:"Microsoft-Windows-WMI-Activity/Operational"'
  - match: {product: windows, service: dns-server}
    query: 'winlog.channel:"DNS Server"'
  - match: {product: windows, service: dns-client}
    query: 'winlog.channel:"Microsoft-Windows-DNS Client Events/Operational"'
  - match: {product: windows, service: driver-framework}
    query: 'winlog.channel:"Microsoft-Windows-DriverFrameworks-UserMode/Operational"'
  - match: {product: windows, service: ntlm}
    query: 'winlog.channel:"Microsoft-Windows-NTLM/Operational"'
  - match: {product: windows, service: windefend}
    query: 'winlog.channel:"Microsoft-Windows-Windows Defender/Operational"'
  - match: {product: windows, service: firewall-as}
    query: 'winlog.channel:"Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"'
  - match: {product: windows, service: bits-client}
    query: 'winlog.channel:"Microsoft-Windows-Bits-Client/Operational"'
  - match: {product: windows, service: codeintegrity-operational}
    query: 'winlog.channel:"Microsoft-Windows-CodeIntegrity/Operational"'
  - match: {product: windows, service: msexchange-management}
    query: 'winlog.channel:"MSExchange Management"'
  - match: {product: windows, service: printservice-admin}
    query: 'winlog.channel:"Microsoft-Windows-PrintService/Admin"'
  - match: {product: windows, service: printservice-operational}
    query: 'winlog.channel:"Microsoft-Windows-PrintService/Operational"'
  - match: {product: windows, service: smbclient-security}
    query: 'winlog.channel:"Microsoft-Windows-SmbClient/Security"'
  - match: {product: windows, service: smbserver-connectivity}
    query: 'winlog.channel:"Microsoft-Windows-SMBServer/Connectivity"'
  - match: {product: windows, service: terminalservices-localsessionmanager}
    query: 'winlog.channel:"Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"'
  - match: {product: windows, service: openssh}
    query: 'winlog.channel:"OpenSSH/Operational"'
  - match: {product: windows, service: ldap}
    query: 'winlog.channel:"Microsoft-Windows-LDAP-Client/Debug"'
  - match: {product: windows, service: lsa-server}
    query: 'winlog.channel:"Microsoft-Windows-LSA/Operational"'
  - match: {product: windows, service: security-mitigations}
    query: 'winlog.channel:"Microsoft-Windows-Security-Mitigations/Kernel Mode"'
  - match: {product: windows, service: diagnosis-scripted}
    query: 'winlog.channel:"Microsoft-Windows-Diagnosis-Scripted/Operational"'
  - match: {product: windows, service: shell-core}
    query: 'winlog.channel:"Microsoft-Windows-Shell-Core/Operational"'
  - match: {product: windows, service: appxdeployment-server}
    query: 'winlog.channel:"Microsoft-Windows-AppXDeploymentServer/Operational"'
  - match: {product: windows, service: appxpackaging-om}
    query: 'winlog.channel:"Microsoft-Windows-AppxPackaging/Operational"'
  - match: {product: windows, service: appmodel-runtime}
    query: 'winlog.channel:"Microsoft-Windows-AppModel-Runtime/Admin"'
  - match: {product: windows, service: capi2}
    query: 'winlog.channel:"Microsoft-Windows-CAPI2/Operational"'
  - match: {product: windows, service: certificateservicesclient-lifecycle-system}
    query: 'winlog.channel:"Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"'
  - match: {product: windows, service: iis-configuration}
    query: 'winlog.channel:"Microsoft-IIS-Configuration/Operational"'
  - match: {product: windows, service: microsoft-servicebus-client}
    query: 'winlog.channel:"Microsoft-ServiceBus-Client"'
  - match: {product: windows, service: servicebus-client}
    query: 'winlog.channel:"Microsoft-ServiceBus-Client"'
  - match: {product: windows, service: vhdmp}
    query: 'winlog.channel:"Microsoft-Windows-VHDMP-Operational"'
  - match: {product: windows, service: hyper-v-worker}
    query: 'winlog.channel:"Microsoft-Windows-Hyper-V-Worker"'
  - match: {product: windows, service: kernel-shimengine}
    query: 'winlog.channel:"Microsoft-Windows-Kernel-ShimEngine/Operational"'
  - match: {product: windows, service: application-experience}
    query: 'winlog.channel:"Microsoft-Windows-Application-Experience/Program-Telemetry"'
  - match: {product: windows, service: applocker}
    query: 'winlog.channel:"Microsoft-Windows-AppLocker/MSI and Script" OR winlog.channel:"Microsoft-Windows-AppLocker/EXE and DLL" OR winlog.channel:"Microsoft-Windows-AppLocker/Packaged app-Deployment" OR winlog.channel:"Microsoft-Windows-AppLocker/Packaged app-Execution"'
  - match: {product: linux}
    query: 'NOT event.dataset:windows*'
  - match: {product: linux, service: auth}
    query: 'event.dataset:sshd OR event.dataset:sudo OR event.dataset:su OR event.dataset:pam OR event.dataset:linux.accounts'
  - match: {product: linux, service: sshd}
    query: 'event.dataset:sshd'
  - match: {product: linux, service: sudo}
    query: 'event.dataset:sudo'
  - match: {product: linux, service: syslog}
    query: 'NOT event.dataset:windows*'
  - match: {product: linux, service: cron}
    query: 'log.syslog.appname:cron OR log.syslog.appname:CRON OR log.syslog.appname:crond'
  - match: {product: linux, service: vsftpd}
    query: 'log.syslog.appname:vsftpd'
  - match: {product: linux, service: clamav}
    query: 'log.syslog.appname:clamd OR log.syslog.appname:freshclam'
  - match: {product: linux, service: guacamole}
    query: 'log.syslog.appname:guacd'
  - match: {category: webserver}
    query: 'event.dataset:apache.access OR event.dataset:nginx.access OR event.dataset:iis.access'
  - match: {product: apache, category: webserver}
    query: 'event.dataset:apache.access'
  - match: {product: nginx, category: webserver}
    query: 'event.dataset:nginx.access'
  - match: {service: apache}
    query: 'event.dataset:apache.access OR event.dataset:apache.error'
  - match: {service: nginx}
    query: 'event.dataset:nginx.access OR event.dataset:nginx.error'
  - match: {category: firewall}
    query: 'observer.type:firewall OR event.dataset:pfsense.filterlog OR event.dataset:iptables OR event.dataset:cisco.asa OR event.dataset:cisco.ftd OR event.dataset:juniper.srx OR event.dataset:paloalto.traffic OR event.dataset:fortigate.traffic'
  - match: {product: fortigate, service: event}
    query: 'event.dataset:fortigate.event'
  - match: {product: fortigate}
    query: 'event.dataset:fortigate*'
  - match: {product: cisco, service: aaa}
    query: 'event.dataset:cisco.ios OR event.dataset:cisco.asa'
  - match: {product: cisco, service: asa}
    query: 'event.dataset:cisco.asa'
  - match: {product: cisco, service: bgp}
    query: 'event.dataset:cisco.ios'
  - match: {product: cisco, service: ldp}
    query: 'event.dataset:cisco.ios'
  - match: {product: juniper}
    query: 'event.dataset:juniper*'
  - match: {product: juniper, service: bgp}
    query: 'event.dataset:juniper*'
  - match: {product: huawei}
    query: 'event.dataset:huawei.vrp'
  - match: {product: huawei, service: bgp}
    query: 'event.dataset:huawei.vrp'
`;
